//! Reports rendered for a reader: JSON (the figures with the report's name, version and
//! months) or CSV (from the same rows). The API, the dashboard, `placer report` on a
//! stopped server and the reports bench all render through here; `core` hands out figures
//! only.

use sync_protocol::api::ErrorCode;
use uuid::Uuid;

use crate::core::{
    ExporterDetail, FootprintReport, KeptReference, ReferenceFrom, Report, ReportKind,
};
use crate::error::ApiError;
use crate::reports::footprint::{class_index, Footprint, CLASSES};
use crate::reports::rollup::{month_label, DetailKind};
use crate::reports::{exports, kp, national, regional, rollup};

/// The report as one JSON object: `report`, `version`, `from`, `to`, then its figures.
pub fn json(kind: ReportKind, report: &Report, from: i32, to: i32) -> serde_json::Value {
    let (version, body) = match report {
        Report::Regional(rows) => (regional::VERSION, serde_json::json!({ "rows": rows })),
        Report::Kp(s) => (kp::VERSION, serde_json::to_value(s).expect("serializable")),
        Report::National {
            rows,
            quiet_devices,
        } => (
            national::VERSION,
            serde_json::json!({ "rows": rows, "devices_not_synced_for_14_days": quiet_devices }),
        ),
        Report::Exports {
            monitoring,
            exporters,
        } => {
            let mut body = serde_json::to_value(monitoring).expect("serializable");
            body["exporters"] =
                serde_json::to_value(exporters.values().collect::<Vec<_>>()).expect("serializable");
            (exports::VERSION, body)
        }
        Report::LargeStones(rows) => (
            crate::reports::large_stones::VERSION,
            serde_json::json!({ "stones": rows }),
        ),
        Report::Dealers {
            quarters,
            dealers,
            region_names,
        } => {
            let named: Vec<serde_json::Value> = dealers
                .values()
                .map(|d| {
                    let mut v = serde_json::to_value(d).expect("serializable");
                    v["region_name"] = region_names.get(&d.region).cloned().into();
                    v
                })
                .collect();
            (
                crate::reports::dealers::VERSION,
                serde_json::json!({ "quarters": quarters, "dealers": named }),
            )
        }
    };
    let mut json = serde_json::json!({
        "report": kind.name(),
        "version": version,
        "from": rollup::month_label(from),
        "to": rollup::month_label(to),
    });
    if let (Some(o), serde_json::Value::Object(b)) = (json.as_object_mut(), body) {
        o.extend(b);
    }
    json
}

/// The report's rows as CSV.
pub fn csv(report: &Report) -> Result<String, ApiError> {
    match report {
        Report::Regional(rows) => regional::to_csv(rows),
        Report::Kp(s) => kp::to_csv(s),
        Report::National { rows, .. } => national::to_csv(rows),
        Report::Exports {
            monitoring,
            exporters,
        } => {
            let number = |id: Uuid| {
                exporters
                    .get(&id)
                    .map_or_else(String::new, |e| e.number.clone())
            };
            let name = |id: Uuid| {
                exporters
                    .get(&id)
                    .map_or_else(String::new, |e| e.holder.clone())
            };
            exports::to_csv(&monitoring.quarters, &number, &name)
        }
        Report::LargeStones(rows) => crate::reports::large_stones::to_csv(rows),
        Report::Dealers {
            quarters,
            dealers,
            region_names,
        } => crate::reports::dealers::to_csv(quarters, &|id| {
            let d = dealers.get(&id)?;
            Some(crate::reports::dealers::Named {
                number: &d.number,
                name: &d.holder,
                region: d.region,
                region_name: region_names.get(&d.region).map_or("", String::as_str),
            })
        }),
    }
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}

/// A footprint as reports show it: totals, mean stone size, and per class the stones and
/// carats with their shares.
pub fn footprint(f: &Footprint) -> serde_json::Value {
    let (stones, carats) = (f.share_of_stones(), f.share_of_carats());
    serde_json::json!({
        "stones": f.total_stones,
        "carats_hundredths": f.total_carats,
        "mean_stone_ct": f.mean_stone_ct(),
        "classes": CLASSES.iter().map(|c| {
            let i = class_index(*c);
            serde_json::json!({
                "class": DetailKind::SizeClass.label(i as u8),
                "stones": f.stones[i],
                "carats_hundredths": f.carats[i],
                "share_of_stones": stones[i],
                "share_of_carats": carats[i],
            })
        }).collect::<Vec<_>>(),
    })
}

/// `GET /v1/reports/footprint`: the region's footprint, the reference it was compared
/// with (where it comes from, and its footprint) and the comparison.
pub fn footprint_report(r: &FootprintReport) -> serde_json::Value {
    let period = |region: Uuid, from: i32, to: i32| {
        serde_json::json!({
            "source": "period",
            "region": region,
            "from": month_label(from),
            "to": month_label(to),
        })
    };
    let mut reference = match &r.reference_from {
        ReferenceFrom::Asked { region, from, to } => period(*region, *from, *to),
        ReferenceFrom::Kept {
            set_for,
            set_at,
            set_by,
            source,
        } => {
            let mut d = match source {
                KeptReference::Period { region, from, to } => period(*region, *from, *to),
                KeptReference::Imported { note } => {
                    serde_json::json!({"source": "imported", "note": note})
                }
            };
            d["set_for"] = serde_json::json!(set_for);
            d["set_at"] = serde_json::json!(set_at);
            d["set_by"] = serde_json::json!(set_by);
            d
        }
    };
    reference["footprint"] = footprint(&r.reference);
    serde_json::json!({
        "report": "footprint",
        "version": 1,
        "region": r.region,
        "from": month_label(r.from),
        "to": month_label(r.to),
        "footprint": footprint(&r.sample),
        "reference": reference,
        "comparison": r.comparison,
    })
}

/// `GET /v1/exports/exporters/{id}`: one exporter's evidence.
pub fn exporter_detail(d: &ExporterDetail) -> serde_json::Value {
    serde_json::json!({
        "report": "exporter",
        "version": exports::VERSION,
        "from": month_label(d.from),
        "to": month_label(d.to),
        "exporter": d.exporter,
        "quarters": d.quarters,
        "exports": d.exports,
        "purchases": d.purchases,
        "footprint": d.footprint.as_ref().map(|f| serde_json::json!({
            "source_regions": f.source_regions,
            "parcels": footprint(&f.parcels),
            "sources": footprint(&f.sources),
            "comparison": f.comparison,
        })),
        "reasons": d.reasons,
    })
}
