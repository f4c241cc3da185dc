//! What each role sees of a person (pure): the field-level view of miners' personal data.
//!
//! A miner's record holds who they are (names, sex, birth year, home region), how to find
//! them (phone, where they were registered) and their national id. Each role is given
//! what its work needs and no more:
//!
//! | field | administrator | regional officer | national officer | export monitor |
//! |---|---|---|---|---|
//! | names, sex, birth year, home region, cooperative, registration | yes | yes | yes | no |
//! | national id | yes | yes | last 3 characters | no |
//! | phone | yes | yes | no | no |
//!
//! A regional officer registers and verifies people in the field and needs all of it; a
//! national officer reads the registry as a whole (duplicates, coverage) and recognises a
//! national id by its end; an export monitor follows licences, exports and purchases, and
//! reads a seller by id. The same view applies everywhere a person's data goes out: a
//! record, its history and conflicts, pages, reports, flags. Photos follow the same line
//! ([`sees_photo`]): a miner's face and identity document only to the roles that read the
//! person whole.

use sync_protocol::merge::RecordState;
use sync_protocol::records::{AnyRecord, MinerField};
use sync_protocol::values::NationalId;

use crate::auth::Role;

/// How much of a field a role sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seen {
    Full,
    Masked,
    Hidden,
}

/// What `role` sees of a miner's field (by its wire name).
pub fn miner_field(role: Role, field: &str) -> Seen {
    match (role, field) {
        (Role::Admin | Role::RegionalOfficer, _) => Seen::Full,
        // A voided registration says so to everyone who may see the record.
        (_, "void") => Seen::Full,
        (Role::ExportMonitor, _) => Seen::Hidden,
        (Role::NationalOfficer, "national_id") => Seen::Masked,
        (Role::NationalOfficer, "phone") => Seen::Hidden,
        (Role::NationalOfficer, _) => Seen::Full,
    }
}

/// Whether `role` reads people's names (a miner's, a seller's).
pub fn sees_names(role: Role) -> bool {
    miner_field(role, "names") == Seen::Full
}

/// Whether `role` sees a photo of `kind`: a miner's face and identity document are a
/// person's data whole (the document shows the national id itself), so only the roles
/// that read a person's names and national id whole see them; a licence's paper and a
/// parcel of stones, every officer who may read the record.
pub fn sees_photo(role: Role, kind: sync_protocol::api::PhotoKind) -> bool {
    !kind.is_personal()
        || (miner_field(role, "names") == Seen::Full
            && miner_field(role, "national_id") == Seen::Full)
}

/// What `role` sees of a national id: itself, its last three characters, or nothing.
pub fn national_id(role: Role, id: &str) -> Option<String> {
    match miner_field(role, "national_id") {
        Seen::Full => Some(id.to_string()),
        Seen::Masked => Some(mask(id)),
        Seen::Hidden => None,
    }
}

/// All but the last three characters replaced by `•` (at least three of them, so that
/// a short id does not show whole).
pub fn mask(id: &str) -> String {
    let chars: Vec<char> = id.chars().collect();
    if chars.len() <= 3 {
        return "•••".into();
    }
    let tail: String = chars[chars.len() - 3..].iter().collect();
    format!("{}{tail}", "•".repeat((chars.len() - 3).max(3)))
}

/// The record as `role` may read it: a miner's hidden fields removed with their history,
/// masked ones masked in every write. Other records hold no personal field.
pub fn redact(role: Role, record: &mut AnyRecord) {
    if let AnyRecord::Miner(state) = record {
        redact_miner(role, state);
    }
}

fn redact_miner(role: Role, state: &mut RecordState<MinerField>) {
    state
        .fields
        .retain(|field, _| miner_field(role, field) != Seen::Hidden);
    for (field, history) in state.fields.iter_mut() {
        if miner_field(role, field) != Seen::Masked {
            continue;
        }
        for w in &mut history.writes {
            if let MinerField::NationalId(Some(n)) = &w.value {
                if let Ok(masked) = NationalId::parse(mask(n.as_str())) {
                    w.value = MinerField::NationalId(Some(masked));
                }
            }
        }
    }
}

/// A flag's evidence and summary as `role` may read them: a national id in a duplicate's
/// evidence is shown as [`national_id`] allows, in the evidence and in the sentence.
pub fn redact_flag(role: Role, evidence: &mut serde_json::Value, summary: &mut String) {
    let Some(id) = evidence
        .get("national_id")
        .and_then(|v| v.as_str())
        .map(str::to_string)
    else {
        return;
    };
    let shown = national_id(role, &id);
    *summary = summary.replace(&id, shown.as_deref().unwrap_or("(hidden)"));
    match shown {
        Some(s) => evidence["national_id"] = serde_json::Value::String(s),
        None => {
            if let Some(o) = evidence.as_object_mut() {
                o.remove("national_id");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_sees_what_its_work_needs() {
        use Role::*;
        for field in [
            "names",
            "national_id",
            "phone",
            "birth_year",
            "registered_at",
        ] {
            assert_eq!(miner_field(Admin, field), Seen::Full);
            assert_eq!(miner_field(RegionalOfficer, field), Seen::Full);
            assert_eq!(miner_field(ExportMonitor, field), Seen::Hidden, "{field}");
        }
        assert_eq!(miner_field(NationalOfficer, "names"), Seen::Full);
        assert_eq!(miner_field(NationalOfficer, "national_id"), Seen::Masked);
        assert_eq!(miner_field(NationalOfficer, "phone"), Seen::Hidden);
        assert_eq!(miner_field(ExportMonitor, "void"), Seen::Full);
        assert!(sees_names(NationalOfficer) && !sees_names(ExportMonitor));
    }

    #[test]
    fn photos_of_a_person_go_only_to_roles_that_read_a_person_whole() {
        use sync_protocol::api::PhotoKind::*;
        use Role::*;
        for kind in [MinerPhoto, IdentityDocument] {
            assert!(sees_photo(Admin, kind) && sees_photo(RegionalOfficer, kind));
            assert!(!sees_photo(NationalOfficer, kind) && !sees_photo(ExportMonitor, kind));
        }
        for role in [Admin, RegionalOfficer, NationalOfficer, ExportMonitor] {
            assert!(sees_photo(role, LicenceDocument) && sees_photo(role, ParcelPhoto));
        }
    }

    #[test]
    fn a_masked_id_shows_its_last_three_characters_only() {
        assert_eq!(mask("GHA-123456789"), "••••••••••789");
        assert_eq!(mask("1234"), "•••234");
        assert_eq!(mask("123"), "•••");
        assert_eq!(mask("ab"), "•••");
        assert_eq!(mask(""), "•••");
        assert_eq!(
            national_id(Role::NationalOfficer, "GHA-1234"),
            Some("•••••234".to_string())
        );
        assert_eq!(
            national_id(Role::RegionalOfficer, "GHA-1234"),
            Some("GHA-1234".to_string())
        );
        assert_eq!(national_id(Role::ExportMonitor, "GHA-1"), None);
    }
}
