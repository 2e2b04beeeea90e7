// Generates the runtime-API definitions of the bundle (`runtime.js`) from a live runtime's
// metadata (V15), so that they can never drift from what the node serves. Used by
// `e2e/scripts/generate-client-bundle.js` (which writes runtime.js) and by the e2e test of
// the bundle (which fails if the checked-in file differs from a fresh generation).

/** The runtime APIs the bundle describes: Modelchain's own. */
export const OUR_APIS = ['ModelsApi', 'OracleApi', 'DaoApi', 'LendingApi'];

/**
 * `{ runtime, runtimeTypes }` for `api`'s runtime: every method of OUR_APIS with its
 * parameters and result, and a definition for every named type they reach, under the
 * names @polkadot/api's lookup gives them (`ModelchainPrimitivesLendingAccountHealth`…).
 * `blake2To64Hex(name)` is the 8-byte Blake2 hash of an API's name, as hex: how the
 * runtime version lists API versions.
 */
export function runtimeDefinitions(api, blake2To64Hex) {
  const { lookup } = api.registry;
  const metadata = api.runtimeMetadata.asLatest;
  const runtimeTypes = {};
  const pending = [];
  const seen = new Set();

  // Queues every named type inside a type definition (Vec<X>, Option<(X, Y)>, …).
  const collect = (def) => {
    if (def.lookupName && def.lookupIndex !== undefined) {
      if (!seen.has(def.lookupName)) {
        seen.add(def.lookupName);
        pending.push([def.lookupName, def.lookupIndex]);
      }
      return;
    }
    const subs = Array.isArray(def.sub) ? def.sub : def.sub ? [def.sub] : [];
    subs.forEach(collect);
  };
  // A type as @polkadot/api writes it; the named types in it are queued for definitions.
  const typeName = (id) => {
    const def = lookup.getTypeDef(id);
    collect(def.lookupName ? { ...def, lookupIndex: def.lookupIndex ?? id } : def);
    return def.lookupName ?? def.type;
  };

  const runtime = {};
  for (const apiMeta of metadata.apis) {
    const name = apiMeta.name.toString();
    if (!OUR_APIS.includes(name)) continue;
    const methods = {};
    for (const m of apiMeta.methods) {
      methods[m.name.toString()] = {
        description: m.docs.map((d) => d.toString().trim()).join(' '),
        params: m.inputs.map((i) => ({ name: i.name.toString(), type: typeName(i.type) })),
        type: typeName(m.output),
      };
    }
    const version = api.runtimeVersion.apis.find(([hash]) => hash.toHex() === blake2To64Hex(name))?.[1];
    runtime[name] = [{ methods, version: version ? version.toNumber() : 1 }];
  }

  // Definitions of every named type reached, depth first, in a stable order.
  while (pending.length > 0) {
    const [name, id] = pending.shift();
    runtimeTypes[name] = definitionOf(lookup, id, typeName);
  }
  return { runtime, runtimeTypes: Object.fromEntries(Object.entries(runtimeTypes).sort(([a], [b]) => a.localeCompare(b))) };
}

// The @polkadot/api definition of one named type: a struct, an enum or an alias.
function definitionOf(lookup, id, typeName) {
  const si = lookup.getSiType(id);
  const d = si.def;
  if (d.isComposite) {
    const fields = d.asComposite.fields;
    if (fields.length === 0) return 'Null';
    if (fields[0].name.isNone) {
      const inner = fields.map((f) => typeName(f.type.toNumber()));
      return inner.length === 1 ? inner[0] : `(${inner.join(', ')})`;
    }
    return Object.fromEntries(fields.map((f) => [camel(f.name.unwrap().toString()), typeName(f.type.toNumber())]));
  }
  if (d.isVariant) {
    const variants = [...d.asVariant.variants].sort((a, b) => a.index.toNumber() - b.index.toNumber());
    const max = variants.length ? variants[variants.length - 1].index.toNumber() : -1;
    const entries = [];
    for (let i = 0; i <= max; i += 1) {
      const v = variants.find((x) => x.index.toNumber() === i);
      if (!v) {
        entries.push([`__Unused${i}`, 'Null']);
      } else if (v.fields.length === 0) {
        entries.push([v.name.toString(), 'Null']);
      } else if (v.fields[0].name.isNone) {
        const inner = v.fields.map((f) => typeName(f.type.toNumber()));
        entries.push([v.name.toString(), inner.length === 1 ? inner[0] : `(${inner.join(', ')})`]);
      } else {
        entries.push([v.name.toString(), Object.fromEntries(v.fields.map((f) => [camel(f.name.unwrap().toString()), typeName(f.type.toNumber())]))]);
      }
    }
    return { _enum: Object.fromEntries(entries) };
  }
  return lookup.getTypeDef(id).type;
}

const camel = (s) => s.replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());

/** The text of runtime.js for `definitions`. */
export function runtimeModule({ runtime, runtimeTypes }) {
  return `// Generated from the runtime's metadata by e2e/scripts/generate-client-bundle.js: do not edit.
// Runtime-API definitions for clients that do not read metadata V15 (@polkadot/api reads
// V15 and needs none of this), and the types they use, named as @polkadot/api's lookup does.

export const runtime = ${JSON.stringify(runtime, null, 2)};

export const runtimeTypes = ${JSON.stringify(runtimeTypes, null, 2)};
`;
}
