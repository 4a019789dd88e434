/**
 * The part of @faker-js/faker the mock generator uses, typed structurally: a generated client never
 * imports faker (it is not a dependency), yet `handlers({ faker })` accepts faker's own instance,
 * or any object with these members.
 */
export interface FakerLike {
  /** Called with each response's seed, so faker's values are as reproducible as the built-in ones. */
  seed?(seed: number): unknown;
  readonly internet: {
    email(): string;
    url(): string;
    ipv4(): string;
    ipv6(): string;
    domainName(): string;
    username(): string;
  };
  readonly string: { uuid(): string };
  readonly date: { recent(): Date };
  readonly person: { fullName(): string; firstName(): string; lastName(): string };
  readonly lorem: { word(): string; sentence(): string };
}
