//! The competency model format (v1): dimensions with behaviour indicators and level anchors,
//! evidence rules per dimension, and role target profiles; validated once and compiled into a
//! [`CompiledModel`] so evaluating 2,000 people never re-reads the JSON.

use std::collections::{BTreeMap, BTreeSet};

use crate::format::{FromJson, ToJson};

use super::defaults::{self, KpiDirection};
use super::evidence::EvidenceKind;
use crate::error::{Error, ErrorCode};
use crate::format;
use crate::i18n::Text;

/// The newest model format this build reads.
pub const MODEL_SCHEMA_VERSION: u32 = 1;

/// A competency model (能力模型), versioned because products and regulation change.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CompetencyModel {
    /// Format version, currently 1.
    pub schema_version: u32,
    /// A stable id for the model, e.g. `yunfan-cs`.
    pub id: String,
    /// The model's own revision, e.g. `2026.2`; evaluations record it.
    pub version: String,
    /// The model's name in both languages.
    pub name: Text,
    /// Scores (0–100) at which exam and rubric results reach levels 1…5 exactly (five strictly
    /// increasing numbers); linear in between. Defaults to 30, 45, 60, 75, 90.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cut_scores: Option<Vec<f64>>,
    /// Default recency window in days for every dimension (92 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recency_days: Option<u32>,
    /// Default minimum number of distinct sources for a level (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_evidence: Option<u32>,
    /// The 1–5 scale: each level once, with a name and a behaviour anchor.
    pub levels: Vec<LevelAnchor>,
    /// The dimensions, in the order charts show them.
    pub dimensions: Vec<Dimension>,
    /// Target profiles per role (any role ids; the sample has newHire … trainer).
    pub roles: Vec<RoleProfile>,
    /// The model's own KPIs (any the contact centre reports), besides the built-in ones
    /// (csat, satisfactionRate, fcr, aht, responseTime, complaintRate, complaintSatisfaction,
    /// praiseRate, resolutionRate, qaScore); an entry with a built-in id redefines it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<KpiDefinition>,
}

/// A KPI the model defines: its unit, direction, range and reporting period.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct KpiDefinition {
    /// Stable id used in evidence and evidence rules, e.g. `repeatContactRate`.
    pub id: String,
    /// Name in both languages (the Chinese name is also a header spelling).
    pub name: Text,
    /// Unit in both languages, e.g. `%`, `秒 / s`, `分 / points`.
    pub unit: Text,
    /// Whether higher or lower values are better.
    pub direction: KpiDirectionName,
    /// Smallest value allowed.
    pub min: f64,
    /// Largest value allowed.
    pub max: f64,
    /// A percentage: cells may be written `85%`.
    #[serde(default)]
    pub percent: bool,
    /// Decimals shown and used for plan targets (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u32>,
    /// How often the centre reports it (informational; each CSV row's period says its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<KpiPeriod>,
    /// More header spellings for the KPI import.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// The direction of a KPI in model files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum KpiDirectionName {
    /// More is better (CSAT, FCR…).
    HigherIsBetter,
    /// Less is better (handle time, complaint rate…).
    LowerIsBetter,
}

/// A KPI's reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum KpiPeriod {
    /// 日.
    Daily,
    /// 周.
    Weekly,
    /// 月.
    Monthly,
    /// 季度.
    Quarterly,
}

/// A KPI as evaluation, import and plans use it: built-in or from the model.
#[derive(Debug, Clone, PartialEq)]
pub struct KpiInfo {
    /// Id.
    pub id: String,
    /// Name in both languages.
    pub name: Text,
    /// Unit in both languages.
    pub unit: Text,
    /// Higher or lower is better.
    pub direction: KpiDirection,
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
    /// Cells may carry `%`.
    pub percent: bool,
    /// Decimals shown.
    pub decimals: u32,
    /// Header spellings, normalised.
    pub aliases: Vec<String>,
}

impl KpiInfo {
    fn builtin(spec: &defaults::KpiSpec) -> KpiInfo {
        KpiInfo {
            id: spec.id.to_string(),
            name: Text::new(spec.zh, spec.en),
            unit: Text::new(spec.unit_zh, spec.unit_en),
            direction: spec.direction,
            min: spec.min,
            max: spec.max,
            percent: spec.percent,
            decimals: spec.decimals,
            aliases: spec.aliases.iter().map(|a| a.to_string()).collect(),
        }
    }
}

/// The built-in KPIs, as [`KpiInfo`]s (what an import without a model knows).
pub fn builtin_kpis() -> Vec<KpiInfo> {
    defaults::KPIS.iter().map(KpiInfo::builtin).collect()
}

/// Built-in KPIs with the model's definitions applied (replacing or adding), validated.
fn compile_kpis(defs: &[KpiDefinition]) -> Result<Vec<KpiInfo>, Error> {
    let mut kpis = builtin_kpis();
    let mut seen = BTreeSet::new();
    for (i, def) in defs.iter().enumerate() {
        let path = format!("kpis[{i}]");
        require_id(&def.id, &format!("{path}.id"))?;
        if !seen.insert(def.id.as_str()) {
            return Err(duplicate(&format!("{path}.id"), &def.id));
        }
        if !(def.min.is_finite() && def.max.is_finite() && def.min < def.max) {
            return Err(Error::new(
                ErrorCode::InvalidValue,
                format!("{path}.max"),
                format!(
                    "取值范围 {} 至 {} 无效：最小值应小于最大值",
                    def.min, def.max
                ),
                format!(
                    "the range {} to {} is invalid; min must be below max",
                    def.min, def.max
                ),
            ));
        }
        let mut aliases: Vec<String> = def.aliases.clone();
        aliases.push(def.name.zh.clone());
        aliases.push(def.name.en.clone());
        aliases.push(def.id.clone());
        let info = KpiInfo {
            id: def.id.clone(),
            name: def.name.clone(),
            unit: def.unit.clone(),
            direction: match def.direction {
                KpiDirectionName::HigherIsBetter => KpiDirection::HigherIsBetter,
                KpiDirectionName::LowerIsBetter => KpiDirection::LowerIsBetter,
            },
            min: def.min,
            max: def.max,
            percent: def.percent,
            decimals: def.decimals.unwrap_or(1).min(4),
            aliases,
        };
        match kpis.iter_mut().find(|k| k.id == def.id) {
            Some(slot) => *slot = info,
            None => kpis.push(info),
        }
    }
    Ok(kpis)
}

/// One level of the scale with the behaviour that anchors it.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LevelAnchor {
    /// 1 to 5.
    pub level: u32,
    /// Short name, e.g. 熟练 / Proficient.
    pub name: Text,
    /// What a person at this level does.
    pub anchor: Text,
}

/// The knowledge–skill–attitude grouping (知识-技能-态度).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum DimensionGroup {
    /// 知识.
    Knowledge,
    /// 技能.
    Skill,
    /// 态度.
    Attitude,
}

/// The customer-journey stage a dimension serves most (售前 / 售中 / 售后, or all).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(rename_all = "camelCase")]
pub enum JourneyStage {
    /// 售前.
    PreSale,
    /// 售中.
    InSale,
    /// 售后.
    AfterSale,
    /// Every stage.
    AllStages,
}

/// A competency dimension (产品知识, 投诉处理…).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Dimension {
    /// Stable id, e.g. `complaint_handling`.
    pub id: String,
    /// Name in both languages.
    pub name: Text,
    /// Knowledge, skill or attitude.
    pub group: DimensionGroup,
    /// Customer-journey stage.
    pub stage: JourneyStage,
    /// Countable behaviour indicators ("proposes a solution within 1 minute").
    #[serde(default)]
    pub indicators: Vec<Text>,
    /// Behaviour anchors for this dimension's levels (optional; the scale's anchors otherwise).
    #[serde(default)]
    pub anchors: Vec<LevelAnchor>,
    /// Which evidence feeds the dimension and how it maps to levels.
    pub evidence: EvidenceRule,
    /// Retired: kept so stored records stay readable, but no new item, draw or rubric section
    /// may use it (the page leaves it out of the dimension lists it offers).
    #[serde(default, skip_serializing_if = "is_false")]
    pub retired: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// The evidence rule of a dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EvidenceRule {
    /// The sources, each with a positive weight; weights are renormalised over the sources a
    /// person actually has, so they need not sum to 1.
    pub sources: Vec<SourceRule>,
    /// Evidence older than this many days before the evaluation date is ignored (and reported).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recency_days: Option<u32>,
    /// Fewer distinct sources than this → "insufficientEvidence" instead of a level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_evidence: Option<u32>,
}

/// One source of a dimension: a kind of evidence, its key and weight, and its mapping to levels.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SourceRule {
    /// exam, rubric, kpi, selfRating or supervisorRating.
    pub kind: EvidenceKind,
    /// Exam tag, rubric section id or KPI id; defaults to the dimension id (required for KPIs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Relative weight, > 0.
    pub weight: f64,
    /// Cut scores for this exam or rubric source (overrides the model's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cuts: Option<Vec<f64>>,
    /// How a KPI maps to levels (team percentiles when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<KpiMapping>,
}

/// How a KPI value becomes a level. The KPI's direction (AHT and complaint rate: lower is
/// better) comes from the KPI catalogue.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub enum KpiMapping {
    /// Values, in the KPI's unit, at which levels 1…5 are reached: increasing for
    /// higher-is-better KPIs, decreasing for lower-is-better ones.
    Thresholds(Vec<f64>),
    /// Percentiles (0–100, increasing) of the team's values anchoring levels 1…5 (for a
    /// lower-is-better KPI, level k is anchored at the (100 − p)-th percentile).
    Percentiles(Vec<f64>),
}

/// The targets of one role (新员工, 一线客服…).
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RoleProfile {
    /// Role id, e.g. `frontline`.
    pub id: String,
    /// Name in both languages.
    pub name: Text,
    /// Target level and importance per dimension; dimensions not listed have no target.
    pub targets: Vec<RoleTarget>,
}

/// A role's target on one dimension.
#[derive(Debug, Clone, PartialEq, ToJson, FromJson)]
#[cfg_attr(feature = "typescript", derive(tsify::Tsify))]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RoleTarget {
    /// The dimension.
    pub dimension_id: String,
    /// Target level, 1–5 (fractions allowed).
    pub level: f64,
    /// How much a gap here matters (> 0, default 1); gaps are ranked by gap × importance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub importance: Option<f64>,
}

/// A validated model with every rule resolved: what evaluation uses.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledModel {
    /// The model as given (for names, anchors and indicators).
    pub model: CompetencyModel,
    /// Resolved rules, in the model's dimension order.
    pub dimensions: Vec<CompiledDimension>,
    /// Resolved role targets.
    pub roles: BTreeMap<String, CompiledRole>,
    /// Every KPI the model can read: the built-in ones with the model's own applied.
    pub kpis: Vec<KpiInfo>,
}

/// A dimension's resolved rule.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledDimension {
    /// Dimension id.
    pub id: String,
    /// Name in both languages.
    pub name: Text,
    /// Recency window in days.
    pub recency_days: u32,
    /// Minimum number of distinct sources.
    pub min_evidence: u32,
    /// Resolved sources.
    pub sources: Vec<CompiledSource>,
}

/// A resolved source.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledSource {
    /// Kind of evidence.
    pub kind: EvidenceKind,
    /// Evidence key it reads.
    pub key: String,
    /// Relative weight (> 0).
    pub weight: f64,
    /// How raw values become levels.
    pub mapping: SourceMapping,
    /// The KPI's name, for explanations (KPI sources only).
    pub kpi_name: Option<Text>,
}

/// A resolved mapping from raw value to level.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceMapping {
    /// Fixed anchors (cut scores or KPI thresholds) for levels 1…5.
    Anchors([f64; 5]),
    /// Team percentiles for levels 1…5, with the KPI's direction.
    TeamPercentiles([f64; 5], KpiDirection),
    /// A 1–5 rating is its own level.
    Rating,
}

/// A role's resolved targets, indexed like [`CompiledModel::dimensions`].
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledRole {
    /// Name in both languages.
    pub name: Text,
    /// `(target level, importance)` per dimension, `None` where the role sets no target.
    pub targets: Vec<Option<(f64, f64)>>,
}

impl CompiledModel {
    /// The index of a dimension id.
    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }

    /// The KPI with this id (built-in or the model's).
    pub fn kpi(&self, id: &str) -> Option<&KpiInfo> {
        self.kpis.iter().find(|k| k.id == id)
    }
}

/// Decodes and compiles a model from JSON text.
///
/// @example `let model = parse_model(&std::fs::read_to_string("www/samples/model.json")?)?;`
pub fn parse_model(json: &str) -> Result<CompiledModel, Error> {
    compile_model(format::decode_json(json)?)
}

/// Validates a decoded model and resolves every rule, so evaluation does no parsing.
pub fn compile_model(model: CompetencyModel) -> Result<CompiledModel, Error> {
    format::check_schema_version(
        model.schema_version,
        MODEL_SCHEMA_VERSION,
        "能力模型 / model",
    )?;
    require_id(&model.id, "id")?;
    validate_levels(&model.levels, "levels", true)?;
    let model_cuts = match &model.cut_scores {
        Some(cuts) => five_increasing(cuts, "cutScores", Some((0.0, 100.0)))?,
        None => defaults::CUT_SCORES,
    };
    let recency = positive(
        model.recency_days.unwrap_or(defaults::RECENCY_DAYS),
        "recencyDays",
    )?;
    let min_evidence = positive(
        model.min_evidence.unwrap_or(defaults::MIN_EVIDENCE),
        "minEvidence",
    )?;
    if model.dimensions.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            "dimensions",
            "能力模型至少需要一个维度",
            "a model needs at least one dimension",
        ));
    }
    let kpis = compile_kpis(&model.kpis)?;
    let mut seen = BTreeSet::new();
    let mut dimensions = Vec::with_capacity(model.dimensions.len());
    for (i, dim) in model.dimensions.iter().enumerate() {
        let path = format!("dimensions[{i}]");
        require_id(&dim.id, &format!("{path}.id"))?;
        if !seen.insert(dim.id.as_str()) {
            return Err(duplicate(&format!("{path}.id"), &dim.id));
        }
        validate_levels(&dim.anchors, &format!("{path}.anchors"), false)?;
        dimensions.push(compile_dimension(
            dim,
            &path,
            model_cuts,
            recency,
            min_evidence,
            &kpis,
        )?);
    }
    let mut roles = BTreeMap::new();
    for (r, role) in model.roles.iter().enumerate() {
        let path = format!("roles[{r}]");
        require_id(&role.id, &format!("{path}.id"))?;
        let mut targets = vec![None; dimensions.len()];
        for (t, target) in role.targets.iter().enumerate() {
            let tpath = format!("{path}.targets[{t}]");
            let index = dimensions
                .iter()
                .position(|d| d.id == target.dimension_id)
                .ok_or_else(|| {
                    unknown_dimension(&format!("{tpath}.dimensionId"), &target.dimension_id)
                })?;
            if !(defaults::LEVEL_MIN..=defaults::LEVEL_MAX).contains(&target.level) {
                return Err(level_out_of_range(&format!("{tpath}.level"), target.level));
            }
            let importance = target.importance.unwrap_or(defaults::IMPORTANCE);
            if !(importance.is_finite() && importance > 0.0) {
                return Err(not_positive(&format!("{tpath}.importance"), importance));
            }
            let slot = targets
                .get_mut(index)
                .ok_or_else(|| unknown_dimension(&tpath, ""))?;
            if slot.is_some() {
                return Err(duplicate(
                    &format!("{tpath}.dimensionId"),
                    &target.dimension_id,
                ));
            }
            *slot = Some((target.level, importance));
        }
        let compiled = CompiledRole {
            name: role.name.clone(),
            targets,
        };
        if roles.insert(role.id.clone(), compiled).is_some() {
            return Err(duplicate(&format!("{path}.id"), &role.id));
        }
    }
    Ok(CompiledModel {
        model,
        dimensions,
        roles,
        kpis,
    })
}

fn compile_dimension(
    dim: &Dimension,
    path: &str,
    model_cuts: [f64; 5],
    recency: u32,
    min_evidence: u32,
    kpis: &[KpiInfo],
) -> Result<CompiledDimension, Error> {
    let rule = &dim.evidence;
    let rpath = format!("{path}.evidence");
    if rule.sources.is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            format!("{rpath}.sources"),
            "每个维度至少需要一个证据来源",
            "each dimension needs at least one evidence source",
        ));
    }
    let recency_days = positive(
        rule.recency_days.unwrap_or(recency),
        &format!("{rpath}.recencyDays"),
    )?;
    let min = positive(
        rule.min_evidence.unwrap_or(min_evidence),
        &format!("{rpath}.minEvidence"),
    )?;
    let mut sources = Vec::with_capacity(rule.sources.len());
    for (s, source) in rule.sources.iter().enumerate() {
        sources.push(compile_source(
            dim,
            source,
            &format!("{rpath}.sources[{s}]"),
            model_cuts,
            kpis,
        )?);
    }
    let distinct = crate::sort::set_of(sources.iter().map(|s| (s.kind, s.key.as_str())));
    if distinct.len() != sources.len() {
        return Err(Error::new(
            ErrorCode::DuplicateId,
            format!("{rpath}.sources"),
            "同一维度中同类同键的证据来源重复",
            "two sources of the dimension have the same kind and key",
        ));
    }
    if min as usize > sources.len() {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            format!("{rpath}.minEvidence"),
            format!(
                "最少证据数 {min} 超过了来源数 {}，永远无法满足",
                sources.len()
            ),
            format!(
                "minEvidence {min} exceeds the {} sources, so it could never be met",
                sources.len()
            ),
        ));
    }
    Ok(CompiledDimension {
        id: dim.id.clone(),
        name: dim.name.clone(),
        recency_days,
        min_evidence: min,
        sources,
    })
}

fn compile_source(
    dim: &Dimension,
    source: &SourceRule,
    path: &str,
    model_cuts: [f64; 5],
    kpis: &[KpiInfo],
) -> Result<CompiledSource, Error> {
    if !(source.weight.is_finite() && source.weight > 0.0) {
        return Err(not_positive(&format!("{path}.weight"), source.weight));
    }
    let key = source.key.clone().unwrap_or_else(|| dim.id.clone());
    require_id(&key, &format!("{path}.key"))?;
    let scored = matches!(source.kind, EvidenceKind::Exam | EvidenceKind::Rubric);
    if source.cuts.is_some() && !scored {
        return Err(not_here(&format!("{path}.cuts"), "cuts", "exam / rubric"));
    }
    if source.mapping.is_some() && source.kind != EvidenceKind::Kpi {
        return Err(not_here(&format!("{path}.mapping"), "mapping", "kpi"));
    }
    let mapping = match source.kind {
        EvidenceKind::Exam | EvidenceKind::Rubric => SourceMapping::Anchors(match &source.cuts {
            Some(cuts) => five_increasing(cuts, &format!("{path}.cuts"), Some((0.0, 100.0)))?,
            None => model_cuts,
        }),
        EvidenceKind::SelfRating | EvidenceKind::SupervisorRating => SourceMapping::Rating,
        EvidenceKind::Kpi => {
            let Some(kpi) = source
                .key
                .as_deref()
                .and_then(|k| kpis.iter().find(|x| x.id == k))
            else {
                let ids: Vec<&str> = kpis.iter().map(|k| k.id.as_str()).collect();
                return Err(match &source.key {
                    None => Error::new(
                        ErrorCode::MissingField,
                        format!("{path}.key"),
                        format!("KPI 来源必须指明 KPI（{}）", ids.join("、")),
                        format!("a kpi source needs a key ({})", ids.join(", ")),
                    ),
                    Some(other) => Error::new(
                        ErrorCode::UnknownReference,
                        format!("{path}.key"),
                        format!("未知的 KPI “{other}”：模型的 kpis 中没有定义；可用的 KPI：{}", ids.join("、")),
                        format!("unknown KPI \"{other}\": the model's kpis do not define it; known KPIs: {}", ids.join(", ")),
                    ),
                });
            };
            match &source.mapping {
                None => SourceMapping::TeamPercentiles(defaults::KPI_PERCENTILES, kpi.direction),
                Some(KpiMapping::Percentiles(p)) => SourceMapping::TeamPercentiles(
                    five_increasing(
                        p,
                        &format!("{path}.mapping.percentiles"),
                        Some((0.0, 100.0)),
                    )?,
                    kpi.direction,
                ),
                Some(KpiMapping::Thresholds(t)) => {
                    let tpath = format!("{path}.mapping.thresholds");
                    let anchors = match kpi.direction {
                        KpiDirection::HigherIsBetter => five_increasing(t, &tpath, None)?,
                        KpiDirection::LowerIsBetter => {
                            let negated: Vec<f64> = t.iter().map(|v| -v).collect();
                            five_increasing(&negated, &tpath, None).map_err(|_| {
                                Error::new(
                                    ErrorCode::InvalidValue,
                                    tpath.clone(),
                                    format!("“{}”越低越好，阈值应为 5 个严格递减的数（1 级到 5 级）", kpi.name.zh),
                                    format!("{} is better when lower: expected 5 strictly decreasing thresholds (level 1 to 5)", kpi.name.en),
                                )
                            })?;
                            five(t, &tpath)?
                        }
                    };
                    SourceMapping::Anchors(anchors)
                }
            }
        }
    };
    let kpi_name = (source.kind == EvidenceKind::Kpi)
        .then(|| kpis.iter().find(|k| k.id == key).map(|k| k.name.clone()))
        .flatten();
    Ok(CompiledSource {
        kpi_name,
        kind: source.kind,
        key,
        weight: source.weight,
        mapping,
    })
}

/// Checks a level list: levels 1–5, each at most once (and all five when `complete`).
fn validate_levels(levels: &[LevelAnchor], path: &str, complete: bool) -> Result<(), Error> {
    let mut seen = [false; 5];
    for (i, anchor) in levels.iter().enumerate() {
        let lpath = format!("{path}[{i}].level");
        let slot = anchor
            .level
            .checked_sub(1)
            .and_then(|k| seen.get_mut(k as usize))
            .ok_or_else(|| level_out_of_range(&lpath, f64::from(anchor.level)))?;
        if *slot {
            return Err(duplicate(&lpath, &anchor.level.to_string()));
        }
        *slot = true;
    }
    if complete && seen.iter().any(|s| !s) {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "等级表必须恰好包含 1 至 5 级，每级一个行为锚点",
            "the scale must list levels 1 to 5, each once with a behaviour anchor",
        ));
    }
    Ok(())
}

fn five(values: &[f64], path: &str) -> Result<[f64; 5], Error> {
    match values {
        [a, b, c, d, e] if values.iter().all(|v| v.is_finite()) => Ok([*a, *b, *c, *d, *e]),
        _ => Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "应为 5 个有限数值（对应 1 至 5 级）",
            "expected 5 finite numbers (one per level 1 to 5)",
        )),
    }
}

fn five_increasing(
    values: &[f64],
    path: &str,
    range: Option<(f64, f64)>,
) -> Result<[f64; 5], Error> {
    let anchors = five(values, path)?;
    if let Some((lo, hi)) = range {
        if let Some((i, v)) = anchors
            .iter()
            .enumerate()
            .find(|(_, v)| !(lo..=hi).contains(*v))
        {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                format!("{path}[{i}]"),
                format!("{v} 超出范围，应在 {lo} 至 {hi} 之间"),
                format!("{v} is out of range; expected {lo} to {hi}"),
            ));
        }
    }
    if anchors.windows(2).any(|w| w[0] >= w[1]) {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "5 个数值应严格递增（1 级到 5 级）",
            "the 5 numbers must be strictly increasing (level 1 to 5)",
        ));
    }
    Ok(anchors)
}

fn positive(value: u32, path: &str) -> Result<u32, Error> {
    if value == 0 {
        return Err(Error::new(
            ErrorCode::OutOfRange,
            path,
            "应为正整数",
            "expected a positive whole number",
        ));
    }
    Ok(value)
}

fn require_id(id: &str, path: &str) -> Result<(), Error> {
    if id.trim().is_empty() {
        return Err(Error::new(
            ErrorCode::InvalidValue,
            path,
            "标识不能为空",
            "an id must not be blank",
        ));
    }
    Ok(())
}

fn duplicate(path: &str, id: &str) -> Error {
    Error::new(
        ErrorCode::DuplicateId,
        path,
        format!("“{id}”重复，标识必须唯一"),
        format!("\"{id}\" is repeated; ids must be unique"),
    )
}

/// The error for a reference to a dimension the model does not define.
pub fn unknown_dimension(path: &str, id: &str) -> Error {
    Error::new(
        ErrorCode::UnknownDimension,
        path,
        format!("能力模型中没有维度 “{id}”"),
        format!("the model has no dimension \"{id}\""),
    )
}

/// The error for a level outside 1–5.
pub fn level_out_of_range(path: &str, level: f64) -> Error {
    Error::new(
        ErrorCode::OutOfRange,
        path,
        format!("等级 {level} 超出范围，应在 1 至 5 之间"),
        format!("level {level} is out of range; expected 1 to 5"),
    )
}

fn not_positive(path: &str, value: f64) -> Error {
    Error::new(
        ErrorCode::WeightsDoNotSum,
        path,
        format!("权重 {value} 无效，应为大于 0 的数"),
        format!("weight {value} is invalid; expected a number greater than 0"),
    )
}

fn not_here(path: &str, field: &str, kinds: &str) -> Error {
    Error::new(
        ErrorCode::InvalidValue,
        path,
        format!("“{field}” 只适用于 {kinds} 类来源"),
        format!("\"{field}\" applies only to {kinds} sources"),
    )
}
