//! A record's history and conflicts as tables: every write of every field (its value, the
//! device that wrote it, when the device wrote it and when the server received it, where
//! it filed the record, whether it stands), and the values that lost without anyone having
//! seen them. Generic over the record's field type; the page says how a value reads.

use sync_protocol::merge::{FieldValue, RecordState, Write};

use crate::i18n::t;
use crate::web::pages::worded_by;
use crate::web::table::{Column, Table};

use super::field_words;
use super::names::Names;

/// When a write was made (its device's clock) and received (the server's, which orders
/// writes), in RFC 3339.
fn times<F>(w: &Write<F>) -> (String, String) {
    (
        w.id.stamp.rfc3339(),
        w.effective.map(|e| e.rfc3339()).unwrap_or_default(),
    )
}

/// Every write of every field, oldest first. What a person reads (a field, a value, its
/// standing) is in the page's language, the CSV's in English.
pub fn history<F: FieldValue>(
    state: &RecordState<F>,
    text: &dyn Fn(&F) -> String,
    names: &Names,
) -> Table {
    let mut table = Table::new(
        "history",
        t("rec-history-caption"),
        vec![
            Column::text("received_at", t("rec-col-received")),
            Column::text("field", t("rec-col-field")),
            Column::text("value", t("rec-col-value")),
            Column::text("standing", t("rec-col-standing")),
            Column::text("device", t("rec-col-device")),
            Column::text("written_at", t("rec-col-written")),
            Column::text("region", t("rec-col-filed-in")),
        ],
    );
    table.empty = t("rec-no-writes");
    let mut writes: Vec<(&str, &Write<F>, &'static str)> = Vec::new();
    for (field, h) in &state.fields {
        let winner = h.winner().map(|w| w.id);
        let lost: Vec<_> = h.conflicts().iter().map(|w| w.id).collect();
        for w in &h.writes {
            let standing = if Some(w.id) == winner {
                "rec-standing-current"
            } else if lost.contains(&w.id) {
                "rec-standing-lost"
            } else {
                "rec-standing-overwritten"
            };
            writes.push((field, w, standing));
        }
    }
    writes.sort_by_key(|(field, w, _)| (w.order(), *field));
    for (field, w, standing) in writes {
        let (written, received) = times(w);
        table.row(vec![
            received.into(),
            worded_by(|| field_words(field)),
            worded_by(|| text(&w.value)),
            worded_by(|| t(standing)),
            names.device(w.id.device).into(),
            written.into(),
            names.label(w.region).into(),
        ]);
    }
    table
}

/// The values that lost without their writer's value having been seen, beside the value
/// that stands.
pub fn conflicts<F: FieldValue>(
    state: &RecordState<F>,
    text: &dyn Fn(&F) -> String,
    names: &Names,
) -> Table {
    let mut table = Table::new(
        "conflicts",
        t("rec-conflicts-caption"),
        vec![
            Column::text("field", t("rec-col-field")),
            Column::text("standing", t("rec-col-value-stands")),
            Column::text("lost", t("rec-col-value-lost")),
            Column::text("lost_device", t("rec-col-lost-device")),
            Column::text("lost_written_at", t("rec-col-written")),
            Column::text("lost_received_at", t("rec-col-received")),
        ],
    );
    table.empty = t("rec-no-conflicts");
    for c in state.conflicts() {
        for loser in &c.losers {
            let (written, received) = times(loser);
            table.row(vec![
                worded_by(|| field_words(&c.field)),
                worded_by(|| text(&c.winner.value)),
                worded_by(|| text(&loser.value)),
                names.device(loser.id.device).into(),
                written.into(),
                received.into(),
            ]);
        }
    }
    table
}
