//! The flags a handset learns about its own records (`POST /v1/sync/notes`), pure: which
//! flags a page holds, where the next page starts, and each flag as the device reads it.
//! The reads (the flags, the records they name) are `core::notes`'s.
//!
//! # Order and cursor
//!
//! Pages go by `(updated_at, flag id)`. Every change to a flag (raised, updated, closed,
//! reopened, resolved) moves its `updated_at` forward, so a flag that changes after a
//! handset read it comes again further on, and a handset that keeps its last cursor learns
//! every change. The stamps are those of the batch log's entries, so the order survives a
//! rebuild of the state from the log.
//!
//! A change is stamped when its batch or act is received and applied a moment later, so a
//! page could pass a stamp whose change is still on its way. The last page of a round
//! (`more` false) therefore ends no later than [`SETTLE_MS`] before the server's clock:
//! the flags changed in those minutes come again at the next round, and a handset replaces
//! a flag it holds by its id.
//!
//! # Bounds
//!
//! A page examines at most [`EXAMINED`] flags after its cursor, whether or not they are
//! the device's: past them it ends with `more` true and a cursor at the last one examined,
//! so one request reads a bounded number of records however few flags are the device's.
//!
//! # What a device reads
//!
//! No evidence (it may hold other people's data), and a summary naming no one else: the
//! kinds whose sentence speaks of another person or another trader's business get a
//! neutral sentence instead ([`device_summary`]).

use sync_protocol::api::{self, DeviceFlag, FlaggedRecord, NotesCursor};
use sync_protocol::clock::Hlc;

use super::stored::{FlagEventKind, FlagState, StoredFlag};
use super::{flag_id, parse_flag_id, FlagKind, Severity};

/// Most flags one notes page may carry.
pub const MAX_LIMIT: u32 = 500;
/// Most flags one request examines after its cursor.
pub const EXAMINED: usize = 2_000;
/// How far behind the server's clock the last page of a round ends: longer than a change
/// takes from its stamp to its commit (a log sync, a group of pushes applied together).
pub const SETTLE_MS: u64 = 5 * 60 * 1_000;

/// A flag's place in the order of pages.
pub fn position(flag: &StoredFlag) -> NotesCursor {
    NotesCursor {
        updated_at: flag.updated_at,
        flag: flag_id(&flag.key),
    }
}

/// Whether a cursor can be one the server gave: no flag, or a flag id as the server
/// writes it (lowercase: ids compare as text).
pub fn valid_cursor(cursor: &NotesCursor) -> bool {
    cursor.flag.is_empty()
        || parse_flag_id(&cursor.flag).is_some_and(|k| flag_id(&k) == cursor.flag)
}

/// The flags after `after`, in page order.
pub fn after(flags: Vec<StoredFlag>, after: &NotesCursor) -> Vec<(NotesCursor, StoredFlag)> {
    let mut ordered: Vec<(NotesCursor, StoredFlag)> = flags
        .into_iter()
        .map(|f| (position(&f), f))
        .filter(|(p, _)| p > after)
        .collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0));
    ordered
}

/// What a page holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    pub flags: Vec<StoredFlag>,
    pub cursor: NotesCursor,
    pub more: bool,
}

/// Walks `ordered` (from [`after`]), keeping the flags `own` says are the device's, until
/// `limit` are kept or `examined` were looked at. `settled` is the server's clock less
/// [`SETTLE_MS`]: the last page's cursor goes no further.
pub fn select<E>(
    ordered: Vec<(NotesCursor, StoredFlag)>,
    from: &NotesCursor,
    limit: usize,
    examined: usize,
    settled: Hlc,
    mut own: impl FnMut(&StoredFlag) -> Result<bool, E>,
) -> Result<Selected, E> {
    let mut flags = Vec::new();
    let mut last = None;
    let mut more = false;
    for (i, (place, flag)) in ordered.into_iter().enumerate() {
        if flags.len() >= limit.max(1) || i >= examined.max(1) {
            more = true;
            break;
        }
        if own(&flag)? {
            flags.push(flag);
        }
        last = Some(place);
    }
    let end = last.unwrap_or_else(|| from.clone());
    let cursor = if more {
        end
    } else {
        end.min(NotesCursor {
            updated_at: settled,
            flag: String::new(),
        })
    };
    Ok(Selected {
        flags,
        cursor,
        more,
    })
}

/// The server's clock less [`SETTLE_MS`].
pub fn settled(now: Hlc) -> Hlc {
    Hlc::new(now.unix_ms().saturating_sub(SETTLE_MS), 0)
}

/// The sentence a device reads: the rule's, or a neutral one for the kinds whose sentence
/// names another person (a miner registered twice names the other registration) or
/// another trader's figures (an exporter's or a dealer's quarter, summed from other
/// people's sales). A new kind must be judged here.
pub fn device_summary(flag: &StoredFlag) -> String {
    let neutral = match flag.key.kind {
        FlagKind::DuplicateNationalId => {
            "Two registered miners share one national id: one of them may be registered twice."
        }
        FlagKind::DuplicateNameAndBirthYear => {
            "Two registered miners share their name, birth year and district: one of them may \
             be registered twice."
        }
        FlagKind::ExportsExceedPurchases => {
            "The exporter shipped more in a quarter than it bought and held."
        }
        FlagKind::SalesExceedPurchases => {
            "The dealer sold more in a quarter than it bought and held."
        }
        FlagKind::QuarantinedEntry => "An entry could not be applied and was set aside.",
        FlagKind::OutsideLicenceArea
        | FlagKind::OutsideCountry
        | FlagKind::LicenceNotValid
        | FlagKind::UnregisteredMiner
        | FlagKind::UnlicensedBuyer
        | FlagKind::ImplausibleProductivity
        | FlagKind::ImpossibleStoneWeight
        | FlagKind::DeviceClockSkew
        | FlagKind::BatchFork
        | FlagKind::InvalidLicenceArea => return flag.summary.clone(),
    };
    neutral.to_string()
}

/// A flag as the device reads it, with the records it names (`records`, in the flag's
/// order, each with its collection as the server holds it).
pub fn device_flag(flag: &StoredFlag, records: Vec<FlaggedRecord>) -> DeviceFlag {
    DeviceFlag {
        id: flag_id(&flag.key),
        kind: flag.key.kind.name().to_string(),
        severity: severity(flag.severity),
        state: state(flag.state),
        records,
        raised_at: flag.raised_at,
        updated_at: flag.updated_at,
        summary: device_summary(flag),
        events: flag
            .history
            .iter()
            .map(|e| api::FlagNote {
                at: e.at,
                event: event(e.event),
                by: e.by.clone(),
                note: e.note.clone(),
            })
            .collect(),
    }
}

fn severity(s: Severity) -> api::FlagSeverity {
    match s {
        Severity::Low => api::FlagSeverity::Low,
        Severity::Medium => api::FlagSeverity::Medium,
        Severity::High => api::FlagSeverity::High,
    }
}

fn state(s: FlagState) -> api::FlagState {
    match s {
        FlagState::Open => api::FlagState::Open,
        FlagState::Resolved => api::FlagState::Resolved,
        FlagState::Closed => api::FlagState::Closed,
    }
}

fn event(e: FlagEventKind) -> api::FlagEventKind {
    match e {
        FlagEventKind::Raised => api::FlagEventKind::Raised,
        FlagEventKind::Updated => api::FlagEventKind::Updated,
        FlagEventKind::Closed => api::FlagEventKind::Closed,
        FlagEventKind::Reopened => api::FlagEventKind::Reopened,
        FlagEventKind::Resolved => api::FlagEventKind::Resolved,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flags::stored::FlagEvent;
    use crate::flags::FlagKey;
    use std::convert::Infallible;
    use uuid::Uuid;

    fn flag(n: u128, at: u64) -> StoredFlag {
        StoredFlag {
            key: FlagKey::single(FlagKind::ImpossibleStoneWeight, Uuid::from_u128(n)),
            severity: Severity::Low,
            region: None,
            records: vec![Uuid::from_u128(n)],
            evidence: "{}".into(),
            summary: format!("Production {n} has implausible diamond weights."),
            state: FlagState::Open,
            raised_at: Hlc::new(at, 0),
            updated_at: Hlc::new(at, 0),
            history: vec![FlagEvent {
                at: Hlc::new(at, 0),
                event: FlagEventKind::Raised,
                by: None,
                note: None,
            }],
        }
    }

    /// Every page of the flags `own` keeps, from the start, `limit` flags and `examined`
    /// at most a page, until `more` is false: the ids sent, in order, and the cursors.
    fn pages(
        flags: &[StoredFlag],
        limit: usize,
        examined: usize,
        own: impl Fn(&StoredFlag) -> bool,
    ) -> (Vec<String>, Vec<NotesCursor>) {
        let mut cursor = NotesCursor::START;
        let (mut sent, mut cursors) = (Vec::new(), Vec::new());
        for _ in 0..1_000 {
            let page = select(
                after(flags.to_vec(), &cursor),
                &cursor,
                limit,
                examined,
                Hlc::new(u64::MAX >> 20, 0),
                |f| Ok::<_, Infallible>(own(f)),
            )
            .unwrap();
            sent.extend(page.flags.iter().map(|f| flag_id(&f.key)));
            cursor = page.cursor;
            cursors.push(cursor.clone());
            if !page.more {
                return (sent, cursors);
            }
        }
        panic!("pages without end");
    }

    #[test]
    fn pages_go_by_update_then_id_and_send_every_flag_once() {
        // Three flags share a stamp: the id breaks the tie.
        let flags = vec![
            flag(5, 3_000),
            flag(9, 1_000),
            flag(2, 3_000),
            flag(7, 2_000),
            flag(1, 3_000),
        ];
        let (sent, cursors) = pages(&flags, 2, 100, |_| true);
        let expected: Vec<String> = [9, 7, 1, 2, 5]
            .iter()
            .map(|n| flag_id(&flag(*n, 0).key))
            .collect();
        assert_eq!(sent, expected);
        assert_eq!(cursors.len(), 3);
        assert!(cursors.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(cursors.last().unwrap(), &position(&flag(5, 3_000)));
    }

    #[test]
    fn only_the_devices_flags_are_sent_and_a_page_examines_a_bounded_number() {
        let flags: Vec<StoredFlag> = (1..=10).map(|n| flag(n, 1_000 + n as u64)).collect();
        let mine = |f: &StoredFlag| f.records[0].as_u128().is_multiple_of(3);
        let (sent, cursors) = pages(&flags, 100, 4, mine);
        let expected: Vec<String> = [3, 6, 9]
            .iter()
            .map(|n| flag_id(&flag(*n, 0).key))
            .collect();
        assert_eq!(sent, expected);
        // Four examined a page: 1–4, 5–8, 9–10.
        assert_eq!(cursors.len(), 3);
    }

    #[test]
    fn a_flag_changed_after_it_was_read_comes_again() {
        let mut flags = vec![flag(1, 1_000), flag(2, 2_000)];
        let (_, cursors) = pages(&flags, 10, 100, |_| true);
        let kept = cursors.last().unwrap().clone();
        flags[0].state = FlagState::Resolved;
        flags[0].updated_at = Hlc::new(5_000, 0);
        let page = select(
            after(flags.clone(), &kept),
            &kept,
            10,
            100,
            Hlc::new(1 << 40, 0),
            |_| Ok::<_, Infallible>(true),
        )
        .unwrap();
        assert_eq!(page.flags.len(), 1);
        assert_eq!(page.flags[0].state, FlagState::Resolved);
        assert!(!page.more);
    }

    #[test]
    fn the_last_page_ends_no_later_than_the_settled_time() {
        let flags = vec![flag(1, 1_000), flag(2, 9_000)];
        let page = select(
            after(flags.clone(), &NotesCursor::START),
            &NotesCursor::START,
            10,
            100,
            Hlc::new(5_000, 0),
            |_| Ok::<_, Infallible>(true),
        )
        .unwrap();
        assert_eq!(page.flags.len(), 2);
        assert_eq!(
            page.cursor,
            NotesCursor {
                updated_at: Hlc::new(5_000, 0),
                flag: String::new()
            }
        );
        // The next round sends the unsettled flag again, and only it.
        let again = after(flags, &page.cursor);
        assert_eq!(again.len(), 1);
        assert_eq!(again[0].1.records[0], Uuid::from_u128(2));
        // A page cut by its limit ends where it stopped, settled or not.
        let cut = select(
            after(vec![flag(1, 9_000), flag(2, 9_500)], &NotesCursor::START),
            &NotesCursor::START,
            1,
            100,
            Hlc::new(5_000, 0),
            |_| Ok::<_, Infallible>(true),
        )
        .unwrap();
        assert!(cut.more);
        assert_eq!(cut.cursor, position(&flag(1, 9_000)));
        assert_eq!(settled(Hlc::new(SETTLE_MS + 7, 3)), Hlc::new(7, 0));
        assert_eq!(settled(Hlc::new(10, 0)), Hlc::ZERO);
    }

    #[test]
    fn an_empty_page_keeps_its_cursor_up_to_the_settled_time() {
        let from = NotesCursor {
            updated_at: Hlc::new(3_000, 0),
            flag: flag_id(&flag(4, 0).key),
        };
        let page = select(Vec::new(), &from, 10, 100, Hlc::new(8_000, 0), |_| {
            Ok::<_, Infallible>(true)
        })
        .unwrap();
        assert_eq!(page.cursor, from);
        assert!(!page.more && page.flags.is_empty());
    }

    #[test]
    fn a_cursor_names_no_flag_or_a_flag_id() {
        assert!(valid_cursor(&NotesCursor::START));
        assert!(valid_cursor(&position(&flag(3, 10))));
        let upper = flag_id(&flag(0xabc, 0).key).to_uppercase();
        assert!(upper.contains('A'));
        for bad in ["x", "00", &upper] {
            let c = NotesCursor {
                updated_at: Hlc::ZERO,
                flag: bad.to_string(),
            };
            assert!(!valid_cursor(&c), "{bad}");
        }
    }

    #[test]
    fn summaries_naming_another_person_or_trader_are_neutral() {
        let mut f = flag(1, 1);
        assert_eq!(device_summary(&f), f.summary);
        for kind in [
            FlagKind::DuplicateNationalId,
            FlagKind::DuplicateNameAndBirthYear,
            FlagKind::ExportsExceedPurchases,
            FlagKind::SalesExceedPurchases,
        ] {
            f.key.kind = kind;
            f.summary = "Miners 1 and 2 … GHA-123-456".into();
            let s = device_summary(&f);
            assert!(!s.contains('1') && !s.contains("GHA"), "{kind:?}: {s}");
        }
    }

    #[test]
    fn a_flag_reads_with_its_events_and_no_evidence() {
        let mut f = flag(1, 1_000);
        f.evidence = r#"{"national_id":"GHA-123"}"#.into();
        f.state = FlagState::Resolved;
        f.history.push(FlagEvent {
            at: Hlc::new(2_000, 0),
            event: FlagEventKind::Resolved,
            by: Some("ama.officer".into()),
            note: Some("Weighed again: 1.25 ct".into()),
        });
        let d = device_flag(&f, vec![]);
        assert_eq!(d.id, flag_id(&f.key));
        assert_eq!(d.kind, "impossible_stone_weight");
        assert_eq!(d.state, api::FlagState::Resolved);
        assert_eq!(d.severity, api::FlagSeverity::Low);
        assert_eq!(d.events.len(), 2);
        assert_eq!(d.events[1].by.as_deref(), Some("ama.officer"));
        assert_eq!(d.events[1].event, api::FlagEventKind::Resolved);
        assert!(!serde_json::to_string(&d).unwrap().contains("GHA"));
    }
}
