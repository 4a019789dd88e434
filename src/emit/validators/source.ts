/**
 * What compiling validators.gen.ts reads from the plan: the raw document and, per operation, the
 * few fields that locate its parameter, body and response schemas.
 */
import type * as ir from '../../ir/index.js';
import type { ClientPlan } from '../../plan/plan-types.js';

type Located = Pick<ir.MediaTypeContent, 'mediaType'>;

/** The part of a PlannedOperation its checks are compiled from (a PlannedOperation is one). */
export interface ValidatedOperation {
  functionName: string;
  bodyKey: string;
  params: readonly { key: string; param: Pick<ir.Parameter, 'source' | 'contentType' | 'required'> }[];
  operation: {
    source: string;
    requestBody?: (Pick<ir.RequestBody, 'source' | 'required'> & { content: readonly Located[] }) | undefined;
    responses: readonly (Pick<ir.Response, 'status' | 'source'> & { content: readonly Located[] })[];
  };
}

export interface ValidatorSource {
  specVersion: ir.Document['specVersion'];
  /** The raw (3.x-shaped) document the checks are compiled from: every keyword the types drop. */
  raw: unknown;
  /** Named schema pointer → type name. */
  typeNames: ReadonlyMap<string, string>;
  /** Named schema pointers, in output order. */
  schemaIds: readonly string[];
  /** Every operation, in the order of the plan's groups. */
  operations: readonly ValidatedOperation[];
  /** False for transformed clients (camelCase names, Date values): their types are not the wire form. */
  typed: boolean;
  /** types.gen.ts, relative to the output folder. */
  typesFile: string;
}

/** The plan's own objects (the operations are the PlannedOperations, so results can be keyed by them). */
export function validatorSource(plan: ClientPlan, raw: unknown): ValidatorSource {
  return {
    specVersion: plan.document.specVersion,
    raw,
    typeNames: plan.typeNames,
    schemaIds: plan.schemaOrder.map((named) => named.id),
    operations: plan.groups.flatMap((group) => group.operations),
    typed: !plan.transform.enabled,
    typesFile: plan.files.types,
  };
}
