//! Reports rendered for a reader: JSON (the figures with the report's name, version and
//! months) or CSV (from the same rows). `GET /v1/reports/{kind}`, `placer report` on a
//! stopped server and the reports bench all render through here.

use sync_protocol::api::ErrorCode;
use uuid::Uuid;

use crate::core::{Report, ReportKind};
use crate::error::ApiError;
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
            exports::to_csv(&monitoring.quarters, &number)
        }
    }
    .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))
}
