//! Names for the ids a record holds: a licence's number, a miner's names, an export's
//! certificate, a region's name, each with the collection whose page it links to.
//!
//! Every record is read through [`Core::record`] with the officer, so its scope and
//! [`crate::privacy`] apply: a miner is named only for the roles that read people's names
//! (the record comes redacted, and a registration without its names has none), and a
//! record outside a regional officer's regions is neither named nor linked.

use std::collections::{BTreeSet, HashMap};

use maud::{html, Markup};
use serde_json::Value as Json;
use sync_protocol::records::{fact_body, AnyRecord, Collection, Licence, Miner};
use sync_protocol::values::GeoFix;
use uuid::Uuid;

use crate::auth::{Officer, Role};
use crate::core::Core;
use crate::error::ApiError;
use crate::i18n::t;
use crate::web::format::value_words;
use crate::web::pages::Regions;

use super::href;

/// What an id names.
#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub collection: Collection,
    /// `None`: the record has no name a person reads (a sale, a miner for a role that
    /// does not read names).
    pub name: Option<String>,
}

/// The names of the ids a page shows.
pub struct Names {
    pub regions: Regions,
    records: HashMap<Uuid, Named>,
    /// Devices' agents, for administrators (who read the devices).
    agents: HashMap<Uuid, String>,
}

/// The collections an id is looked for in, regions apart.
const NAMED: [Collection; 5] = [
    Collection::Licence,
    Collection::Miner,
    Collection::Export,
    Collection::Sale,
    Collection::Production,
];

/// Every id in a JSON value (strings that are UUIDs).
pub fn ids_in(v: &Json, out: &mut BTreeSet<Uuid>) {
    match v {
        Json::String(s) => out.extend(s.parse::<Uuid>().ok()),
        Json::Array(a) => a.iter().for_each(|x| ids_in(x, out)),
        Json::Object(m) => m.values().for_each(|x| ids_in(x, out)),
        _ => {}
    }
}

/// The name of a record as a person reads it, from its (redacted) state.
fn name_of(state: &AnyRecord) -> Option<String> {
    match state {
        AnyRecord::Licence(s) => Licence::from_state(s).map(|l| l.number.to_string()),
        AnyRecord::Miner(s) => Miner::from_state(s).map(|m| m.names.to_string()),
        AnyRecord::Export(s) => fact_body(s).map(|e| e.certificate.to_string()),
        AnyRecord::Production(_) | AnyRecord::Sale(_) | AnyRecord::Region(_) => None,
    }
}

impl Names {
    /// Looks up `ids` for `officer`: regions first, then the records the officer may read.
    pub fn read(
        core: &Core,
        officer: &Officer,
        ids: &BTreeSet<Uuid>,
        devices: bool,
    ) -> Result<Self, ApiError> {
        let regions = Regions::readable(core, officer)?;
        let mut records = HashMap::new();
        for id in ids.iter().filter(|id| !regions.0.contains_key(id)) {
            for c in NAMED {
                match core.record(officer, c, *id) {
                    Ok(r) => {
                        records.insert(
                            *id,
                            Named {
                                collection: c,
                                name: name_of(&r.state),
                            },
                        );
                        break;
                    }
                    // Outside the officer's scope: not named, not linked.
                    Err(e) if e.code.status() == 403 => break,
                    Err(e) if e.code.status() == 404 => continue,
                    Err(e) => return Err(e),
                }
            }
        }
        let agents = if devices && officer.role == Role::Admin {
            core.devices(officer)?
                .into_iter()
                .map(|d| (d.device.id, d.device.agent))
                .collect()
        } else {
            HashMap::new()
        };
        Ok(Self {
            regions,
            records,
            agents,
        })
    }

    pub fn get(&self, id: Uuid) -> Option<&Named> {
        self.records.get(&id)
    }

    /// What a person reads for `id`: a region's or record's name, else the id itself.
    pub fn label(&self, id: Uuid) -> String {
        if self.regions.0.contains_key(&id) {
            return self.regions.name(id);
        }
        match self.records.get(&id) {
            Some(Named {
                name: Some(name), ..
            }) => name.clone(),
            _ => id.to_string(),
        }
    }

    /// The name linked to its page, the id beside it in small type; an id the officer may
    /// not read stays a bare id.
    pub fn link(&self, id: Uuid) -> Markup {
        let small = html! { " " small.id data-id=(id) { (id) } };
        if self.regions.0.contains_key(&id) {
            return html! { a href=(format!("/regions/{id}")) { (self.regions.name(id)) } (small) };
        }
        match self.records.get(&id) {
            Some(n) => html! {
                a href=(href(n.collection, id)) {
                    (n.name.clone().unwrap_or_else(|| value_words(n.collection.name())))
                }
                (small)
            },
            None => html! { small.id data-id=(id) { (id) } },
        }
    }

    /// Who wrote with a device: its agent for an administrator, else the device's id.
    pub fn device(&self, device: Uuid) -> String {
        match self.agents.get(&device) {
            Some(agent) => format!("{agent} ({device})"),
            None => device.to_string(),
        }
    }

    /// A value of a field as a person reads it, in the page's language: ids named, a GPS
    /// fix as coordinates, `null` as a dash, a one-key object as `key: value` (a seller,
    /// a holder: `miner: Ama Mensah`).
    pub fn text(&self, v: &Json) -> String {
        match v {
            Json::Null => "–".into(),
            Json::Bool(b) => t(if *b { "rec-yes" } else { "rec-no" }),
            Json::Number(n) => n.to_string(),
            Json::String(s) => match s.parse::<Uuid>() {
                Ok(id) => self.label(id),
                Err(_) => s.clone(),
            },
            Json::Object(m) => {
                if let Ok(fix) = serde_json::from_value::<GeoFix>(v.clone()) {
                    return fix_text(&fix);
                }
                match m.iter().next() {
                    Some((k, inner)) if m.len() == 1 => crate::i18n::ta(
                        "rec-keyed-value",
                        &[
                            ("key", value_words(k).into()),
                            ("value", self.text(inner).into()),
                        ],
                    ),
                    _ => v.to_string(),
                }
            }
            Json::Array(_) => v.to_string(),
        }
    }
}

/// A GPS fix: `lat, lon (±accuracy m)`, five decimals (a metre).
pub fn fix_text(fix: &GeoFix) -> String {
    format!(
        "{:.5}, {:.5} (±{} m)",
        fix.point.lat.degrees(),
        fix.point.lon.degrees(),
        fix.accuracy.metres()
    )
}

/// The value a field enum holds (it serializes as `{"field": value}`), as JSON.
pub fn inner_json<F: serde::Serialize>(value: &F) -> Json {
    match serde_json::to_value(value) {
        Ok(Json::Object(m)) if m.len() == 1 => {
            m.into_iter().next().map(|(_, v)| v).unwrap_or_default()
        }
        Ok(other) => other,
        Err(_) => Json::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        let miner = Uuid::from_u128(7);
        Names {
            regions: Regions(HashMap::new()),
            records: HashMap::from([(
                miner,
                Named {
                    collection: Collection::Miner,
                    name: Some("Ama Mensah".into()),
                },
            )]),
            agents: HashMap::new(),
        }
    }

    #[test]
    fn values_read_with_names_in_place_of_ids() {
        let n = names();
        let miner = Uuid::from_u128(7);
        assert_eq!(n.text(&serde_json::json!(miner.to_string())), "Ama Mensah");
        assert_eq!(
            n.text(&serde_json::json!({"miner": miner.to_string()})),
            "miner: Ama Mensah"
        );
        let other = Uuid::from_u128(8);
        assert_eq!(n.text(&serde_json::json!(other)), other.to_string());
        assert_eq!(n.text(&Json::Null), "–");
        assert_eq!(n.text(&serde_json::json!(1977)), "1977");
        assert_eq!(
            crate::i18n::with(crate::i18n::Lang::Fr, || n
                .text(&serde_json::json!({"miner": miner.to_string()}))),
            "mineur : Ama Mensah"
        );
        let fix = serde_json::json!({"point": {"lon": -0.8, "lat": 6.04}, "accuracy": 12});
        if serde_json::from_value::<GeoFix>(fix.clone()).is_ok() {
            assert_eq!(n.text(&fix), "6.04000, -0.80000 (±12 m)");
        }
        let link = n.link(miner).into_string();
        assert!(
            link.contains(&format!("href=\"/records/miner/{miner}\"")),
            "{link}"
        );
        assert!(link.contains("Ama Mensah") && link.contains("small class=\"id\""));
        assert!(!n.link(other).into_string().contains("href"));
    }

    #[test]
    fn ids_are_found_anywhere_in_a_value() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let mut out = BTreeSet::new();
        ids_in(
            &serde_json::json!({"seller": {"miner": a}, "buyer": b, "date": "2026-05-02"}),
            &mut out,
        );
        assert_eq!(out, BTreeSet::from([a, b]));
        assert_eq!(
            inner_json(&sync_protocol::records::FactField::<u8>::Void(
                sync_protocol::values::Reason::parse("typo").unwrap()
            )),
            serde_json::json!("typo")
        );
    }
}
