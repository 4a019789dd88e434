/** Parameter Object → IR (OAS 3.1 §4.8.12): style and explode defaulted per location (§4.8.12.4). */
import type * as ir from '../ir/index.js';
import { isObject, stringOrUndefined, type NormalizeContext } from './context.js';
import { appendPointer } from '../json-pointer.js';
import { normalizeSchema } from './schema-object.js';
import { isHeaderName } from '../../runtime/request/header-name.js';

const locations = new Set<ir.ParamLocation>(['path', 'query', 'header', 'cookie']);
const styles = new Set<ir.ParamStyle>(['simple', 'label', 'matrix', 'form', 'spaceDelimited', 'pipeDelimited', 'deepObject']);

export function normalizeParameter(raw: unknown, pointer: string, ctx: NormalizeContext): ir.Parameter | undefined {
  const resolved = ctx.deref(raw, pointer);
  if (!resolved || !isObject(resolved.value)) return undefined;
  const param = resolved.value;
  const at = resolved.pointer;
  const name = param['name'];
  const location = param['in'];
  if (typeof name !== 'string' || typeof location !== 'string' || !locations.has(location as ir.ParamLocation)) {
    ctx.warn('INVALID_PARAMETER', 'a parameter needs a string `name` and `in` of path, query, header or cookie; skipped', at);
    return undefined;
  }
  const where = location as ir.ParamLocation;
  // Headers the transport owns (OAS §4.8.12.1): Accept, Content-Type and Authorization are ignored.
  if (where === 'header' && /^(accept|content-type|authorization)$/i.test(name)) return undefined;
  if (where === 'header' && !isHeaderName(name)) {
    ctx.warn(
      'INVALID_HEADER_NAME',
      `header parameter name ${JSON.stringify(name.slice(0, 60))} is not a valid HTTP header name (RFC 9110 §5.1); sending it will fail with a ValidationError`,
      at,
    );
  }

  const defaultStyle: ir.ParamStyle = where === 'path' || where === 'header' ? 'simple' : 'form';
  const rawStyle = param['style'];
  const style =
    typeof rawStyle === 'string' && styles.has(rawStyle as ir.ParamStyle) ? (rawStyle as ir.ParamStyle) : defaultStyle;
  const explode = typeof param['explode'] === 'boolean' ? param['explode'] : style === 'form';

  let schema: ir.Schema;
  let contentType: string | undefined;
  if (isObject(param['content'])) {
    const [entry] = Object.entries(param['content']);
    contentType = entry?.[0];
    const media = entry?.[1];
    schema = normalizeSchema(
      isObject(media) ? media['schema'] : undefined,
      appendPointer(at, 'content', contentType ?? '', 'schema'),
      ctx,
    );
  } else {
    schema = normalizeSchema(param['schema'], appendPointer(at, 'schema'), ctx);
  }

  let required = param['required'] === true;
  if (where === 'path' && !required) {
    ctx.warn(
      'PATH_PARAM_NOT_REQUIRED',
      `path parameter "${name}" must have required: true (OAS §4.8.12.2); treated as required`,
      at,
    );
    required = true;
  }
  const result: ir.Parameter = {
    name,
    in: where,
    required,
    style,
    explode,
    allowReserved: param['allowReserved'] === true,
    schema,
    source: at,
  };
  const description = stringOrUndefined(param['description']);
  if (description !== undefined) result.description = description;
  if (param['deprecated'] === true) result.deprecated = true;
  if (contentType !== undefined) result.contentType = contentType;
  return result;
}
