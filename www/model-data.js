// The competency model in use as the one list of dimensions (and roles) every trainer view
// reads: bank imports, exam set-up, the roster's 岗位. A new workspace starts from the default
// model (samples/model.json, the domain's eight dimensions). Edits go to the workspace's own
// copy (`workspace-model`), so re-installing the sample never overwrites them.
import { pick } from './i18n.js';

/** `meta` key of the model the trainer chose (shared with team-data.js). */
export const ACTIVE_MODEL = 'model:active';
/** The id of the workspace's editable model. */
export const WORKSPACE_MODEL = 'workspace-model';

/** The default model (samples/model.json): the domain's eight dimensions. */
export async function defaultModel() {
  const response = await fetch('samples/model.json');
  if (!response.ok) throw new Error(`samples/model.json: HTTP ${response.status}`);
  return response.json();
}

/** The model in use (raw record): the chosen one, else the first stored, else null. */
export async function activeModel(store) {
  const [models, chosen] = await Promise.all([store.getAll('models'), store.get('meta', ACTIVE_MODEL)]);
  return models.find((m) => m.id === chosen?.value) ?? models.find((m) => m.id === WORKSPACE_MODEL) ?? models[0] ?? null;
}

/**
 * The model the trainer edits: the workspace's copy of the model in use (made on first edit,
 * from the default model when nothing is stored) and made the active one. One transaction.
 */
export async function workingModel(store) {
  const current = await activeModel(store);
  if (current?.id === WORKSPACE_MODEL) return current;
  const base = current ?? await defaultModel();
  const copy = structuredClone(base);
  copy.id = WORKSPACE_MODEL;
  copy.name = { zh: '本单位能力模型', en: 'Our competency model' };
  await store.transaction(['models', 'meta'], 'readwrite', async (st) => {
    st.models.put(copy);
    st.meta.put({ key: ACTIVE_MODEL, value: copy.id });
  });
  return copy;
}

/**
 * The dimensions of the model in use as `[{ id, name }]` (Chinese labels; retired ones left
 * out unless asked), or the default eight when no model is stored yet.
 */
export async function modelDimensions(store, { defaults, includeRetired = false } = {}) {
  const model = await activeModel(store);
  if (!model) return defaults ? defaults() : (await defaultModel()).dimensions.map((d) => ({ id: d.id, name: d.name.zh }));
  return model.dimensions.filter((d) => includeRetired || !d.retired).map((d) => ({ id: d.id, name: d.name?.zh ?? d.id }));
}

/** The roles of the model in use as `[{ id, name }]` (Chinese names, for imports). */
export async function modelRoles(store) {
  const model = await activeModel(store) ?? await defaultModel();
  return (model.roles ?? []).map((r) => ({ id: r.id, name: r.name?.zh ?? r.id }));
}

/** A role's name in the page's language, or the id. */
export function roleName(model, id) {
  const role = model?.roles?.find((r) => r.id === id);
  return role ? pick(role.name) : id;
}
