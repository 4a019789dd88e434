/**
 * The kinds of runtime errors, recorded as each class is defined: a class names itself on its
 * prototype and registers the names of its ancestors with it, so guards.ts knows that an object
 * named `OAuthError` (from another copy of the runtime, or a structured clone) is an ApiError too,
 * without any list of names kept by hand.
 */
const kindsByName = /* @__PURE__ */ new Map<string, ReadonlySet<string>>();

/**
 * Called once per class, from a static field marked pure, so a bundler drops a class nobody uses
 * (a static block would keep every class): `static readonly errorName: string = /* @__PURE__ *\/
 * nameErrorClass(this, 'NotFoundError');`. Returns `name`.
 */
export function nameErrorClass(Class: { readonly prototype: Error }, name: string): string {
  Class.prototype.name = name;
  const kinds = new Set([name]);
  let proto: unknown = Object.getPrototypeOf(Class.prototype);
  while (typeof proto === 'object' && proto !== null && proto !== Error.prototype) {
    const ancestor: unknown = Object.getOwnPropertyDescriptor(proto, 'name')?.value;
    if (typeof ancestor === 'string') kinds.add(ancestor);
    proto = Object.getPrototypeOf(proto);
  }
  kindsByName.set(name, kinds);
  return name;
}

/** Every kind an error of this name is (itself and its ancestors), when the class is known here. */
export function kindsOfName(name: string): ReadonlySet<string> | undefined {
  return kindsByName.get(name);
}
