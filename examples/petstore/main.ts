/**
 * The quick-start example: a client generated from fixtures/petstore/openapi.yaml talking to a
 * local server. Run with `npm run example`.
 */
import { createClient, isApiError } from './client/index.js';
import { startPetstoreServer } from './server.js';

const { url, server } = await startPetstoreServer();
try {
  const petstore = createClient({ baseUrl: url, auth: { apiKey: 'demo-key' } });

  const rex = await petstore.pets.createPet({ body: { name: 'Rex', tag: 'dog' } });
  await petstore.pets.createPet({ body: { name: 'Tom', status: 'available' } });
  console.log(`created ${rex.name} (${rex.id}) at ${rex.createdAt}`);

  const page = await petstore.pets.listPets({ limit: 10 });
  console.log(`listed ${page.total} pets: ${page.items.map((p) => p.name).join(', ')}`);

  const { data, response } = await petstore.pets.getPetById({ petId: rex.id }).withResponse();
  console.log(`fetched ${data.name} with status ${response.status}`);

  try {
    await petstore.pets.getPetById({ petId: 'p_404' });
  } catch (error) {
    if (!isApiError(error)) throw error;
    console.log(`${error.name}: status ${error.status}, request id ${error.requestId ?? 'none'}`);
    console.log(JSON.stringify(error.toJSON()));
  }
} finally {
  server.close();
}
