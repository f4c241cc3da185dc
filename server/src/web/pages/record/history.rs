//! A record's history and conflicts as tables: every write of every field (its value, the
//! device that wrote it, when the device wrote it and when the server received it, where
//! it filed the record, whether it stands), and the values that lost without anyone having
//! seen them. Generic over the record's field type; the page says how a value reads.

use sync_protocol::merge::{FieldValue, RecordState, Write};

use crate::web::format::words;
use crate::web::table::{Column, Table};

use super::names::Names;

/// When a write was made (its device's clock) and received (the server's, which orders
/// writes), in RFC 3339.
fn times<F>(w: &Write<F>) -> (String, String) {
    (
        w.id.stamp.rfc3339(),
        w.effective.map(|e| e.rfc3339()).unwrap_or_default(),
    )
}

/// Every write of every field, oldest first.
pub fn history<F: FieldValue>(
    state: &RecordState<F>,
    text: &dyn Fn(&F) -> String,
    names: &Names,
) -> Table {
    let mut t = Table::new(
        "history",
        "History: every write of every field",
        vec![
            Column::text("received_at", "Received"),
            Column::text("field", "Field"),
            Column::text("value", "Value"),
            Column::text("standing", "Standing"),
            Column::text("device", "Device"),
            Column::text("written_at", "Written on the device"),
            Column::text("region", "Filed in"),
        ],
    );
    t.empty = "No write of this record is shown to this role.".into();
    let mut writes: Vec<(&str, &Write<F>, &'static str)> = Vec::new();
    for (field, h) in &state.fields {
        let winner = h.winner().map(|w| w.id);
        let lost: Vec<_> = h.conflicts().iter().map(|w| w.id).collect();
        for w in &h.writes {
            let standing = if Some(w.id) == winner {
                "current"
            } else if lost.contains(&w.id) {
                "lost (conflict)"
            } else {
                "overwritten"
            };
            writes.push((field, w, standing));
        }
    }
    writes.sort_by_key(|(field, w, _)| (w.order(), *field));
    for (field, w, standing) in writes {
        let (written, received) = times(w);
        t.row(vec![
            received.into(),
            words(field).into(),
            text(&w.value).into(),
            standing.into(),
            names.device(w.id.device).into(),
            written.into(),
            names.label(w.region).into(),
        ]);
    }
    t
}

/// The values that lost without their writer's value having been seen, beside the value
/// that stands.
pub fn conflicts<F: FieldValue>(
    state: &RecordState<F>,
    text: &dyn Fn(&F) -> String,
    names: &Names,
) -> Table {
    let mut t = Table::new(
        "conflicts",
        "Conflicts: values that lost unseen",
        vec![
            Column::text("field", "Field"),
            Column::text("standing", "Value that stands"),
            Column::text("lost", "Value that lost"),
            Column::text("lost_device", "Lost value's device"),
            Column::text("lost_written_at", "Written on the device"),
            Column::text("lost_received_at", "Received"),
        ],
    );
    t.empty = "No conflict.".into();
    for c in state.conflicts() {
        for loser in &c.losers {
            let (written, received) = times(loser);
            t.row(vec![
                words(&c.field).into(),
                text(&c.winner.value).into(),
                text(&loser.value).into(),
                names.device(loser.id.device).into(),
                written.into(),
                received.into(),
            ]);
        }
    }
    t
}
