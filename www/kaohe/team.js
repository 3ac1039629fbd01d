// `new Team(model, set)` with the evidence records as typed columns: 60,000 records crossed the
// boundary as JSON text, which the module spent about nine tenths of building a team parsing and
// decoding (issue 18). Here one pass in JS writes them into typed arrays and one string table,
// and the module rebuilds exactly the same records from those. Anything the column form does not
// carry as it is (a record with an unknown or an `undefined` field, a non-finite value, a
// non-plain object…) takes the JSON path, which reports errors as it always has; so does any
// error thrown on the column path, so every error is the JSON path's.

const KINDS = new Map([['exam', 0], ['rubric', 1], ['kpi', 2], ['selfRating', 3], ['supervisorRating', 4]]);
/** `source` of a record without a source id. */
const NONE = 4294967295;

const plain = (value) => value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

/**
 * `{ set, columns }`: the set without its records (`evidence: []`) and the records as
 * `EvidenceColumns`; `null` when some record is not one the column form carries unchanged.
 */
export function evidenceColumns(set) {
  if (!plain(set) || Object.hasOwn(set, 'toJSON') || !Array.isArray(set.evidence)) return null;
  const records = set.evidence;
  const n = records.length;
  const person = new Uint32Array(n);
  const kind = new Uint8Array(n);
  const key = new Uint32Array(n);
  const value = new Float64Array(n);
  const date = new Uint32Array(n);
  const source = new Uint32Array(n);
  const index = new Map();
  const strings = [];
  const intern = (text) => {
    let i = index.get(text);
    if (i === undefined) {
      i = strings.length;
      index.set(text, i);
      strings.push(text);
    }
    return i;
  };
  for (let i = 0; i < n; i += 1) {
    const r = records[i];
    if (!plain(r)) return null;
    const { personId, key: k, value: v, date: d, sourceId } = r;
    const code = KINDS.get(r.kind);
    if (code === undefined || typeof personId !== 'string' || typeof k !== 'string'
      || typeof d !== 'string' || typeof v !== 'number' || !Number.isFinite(v)) return null;
    const hasSource = typeof sourceId === 'string';
    // Exactly the fields the record format has (an unknown one is the JSON path's error).
    if (Object.keys(r).length !== (hasSource || sourceId === null ? 6 : 5)) return null;
    person[i] = intern(personId);
    kind[i] = code;
    key[i] = intern(k);
    value[i] = v;
    date[i] = intern(d);
    source[i] = hasSource ? intern(sourceId) : NONE;
  }
  return {
    set: { ...set, evidence: [] },
    columns: { strings: JSON.stringify(strings), person, kind, key, value, date, source },
  };
}

/**
 * The module's `Team` class behind a constructor that sends the evidence as columns. Instances,
 * `instanceof`, the static methods and every method are the module's own. A class (not a
 * function), so calling it without `new` fails as the module's class does and tools that tell
 * classes from functions (the boundary fuzzer) see one.
 */
export function columnTeam(ModuleTeam) {
  class Team extends ModuleTeam {
    constructor(model, evidence) {
      const split = evidenceColumns(evidence);
      if (split) {
        try {
          // A derived constructor may return an object instead of calling super(): the
          // instance is the module's own.
          return new ModuleTeam(model, split.set, split.columns);
        } catch {
          // The JSON path below throws the same error with the path it always had.
        }
      }
      return new ModuleTeam(model, evidence);
    }

    /** The module's instances (from `fromJson` too) are Teams. */
    static [Symbol.hasInstance](value) {
      return value instanceof ModuleTeam;
    }
  }
  return Team;
}
