// The benchmark's API server, in its own process: GET /v1/pets/:id answers a small JSON pet,
// POST /v1/pets echoes a created pet; the pet matches the spec's Pet schema, so response
// validation measures the common case (a conforming body). Prints its port on stdout.
import { createServer } from 'node:http';

const pet = JSON.stringify({ id: 'p_1', name: 'Rex', tag: 'dog', status: 'available', createdAt: '2024-05-01T12:00:00Z' });
const server = createServer((req, res) => {
  if (req.method === 'POST') {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'content-type': 'application/json', 'content-length': pet.length }).end(pet));
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': pet.length }).end(pet);
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
process.on('disconnect', () => process.exit(0));
