//! Export monitoring's reads: the exporters, their exports, the sales to them and their
//! declared opening stocks, taken from the store for the pure rules in
//! [`crate::reports::exports`].
//!
//! The reading rules (which export and which sale count, which seller is verified) are
//! written once, here, over [`Records`]: the report reads the store through them and the
//! checks at ingest read the commit's view of the records through them, so the figures an
//! officer reads and the flags raised at ingest can never count differently.
//!
//! Exports are few (a registry sees hundreds a year), so they are read whole; the sales to
//! an exporter come from the check index of sales by buyer, not from a scan of every sale.

use std::collections::BTreeMap;

use serde::Serialize;
use sync_protocol::records::{
    fact_body, void_reason, AnyRecord, Collection, Export, Holder, Licence, Miner, Sale, Seller,
};
use sync_protocol::values::LicenceKind;
use uuid::Uuid;

use crate::error::Result;
use crate::ingest::checks::registered_miner;
use crate::reports::exports::{licensed_seller, ExportFact, OpeningStock, PurchaseFact, SoldFact};
use crate::reports::footprint::Footprint;
use crate::store::{Store, StoredRecord};

/// Where the reading rules read records from.
pub trait Records {
    fn record(&self, collection: Collection, id: Uuid) -> Result<Option<StoredRecord>>;
}

/// The store, as the report reads it.
struct StoreRecords<'a>(&'a dyn Store);

impl Records for StoreRecords<'_> {
    fn record(&self, collection: Collection, id: Uuid) -> Result<Option<StoredRecord>> {
        self.0.record(collection, id)
    }
}

/// An export that counts: complete and not voided.
pub fn live_export(stored: &StoredRecord) -> Option<&Export> {
    match &stored.state {
        AnyRecord::Export(s) if void_reason(s).is_none() => fact_body(s),
        _ => None,
    }
}

/// A sale that counts: complete and not voided.
pub fn live_sale(stored: &StoredRecord) -> Option<&Sale> {
    match &stored.state {
        AnyRecord::Sale(s) if void_reason(s).is_none() => fact_body(s),
        _ => None,
    }
}

/// An exporter as listings show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Exporter {
    pub id: Uuid,
    pub number: String,
    pub holder: String,
    pub region: Uuid,
}

/// One export, for the evidence listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExportLine {
    pub id: Uuid,
    pub exporter: Uuid,
    pub date: String,
    pub certificate: String,
    pub hs_code: String,
    pub destination: String,
    pub carats_hundredths: u64,
    pub cents: u64,
    pub usd_per_carat: Option<f64>,
    /// The government valuator's value of the parcel and the duty paid, where recorded.
    pub valuation_cents: Option<u64>,
    pub duty_cents: Option<u64>,
    /// The purchases it cites, and their carats (those still sales to its exporter).
    pub cited_purchases: Vec<Uuid>,
    pub cited_carats_hundredths: Option<u64>,
}

/// One sale to an exporter, for the evidence listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PurchaseLine {
    pub id: Uuid,
    pub exporter: Uuid,
    pub date: String,
    /// `miner` or `licence`.
    pub seller_kind: &'static str,
    pub seller: Uuid,
    /// The miner's names or the licence's number, where the registry holds them.
    pub seller_name: Option<String>,
    /// From a registered miner or a licensed buyer.
    pub verified: bool,
    pub carats_hundredths: u64,
    pub cents: u64,
    pub region: Uuid,
}

/// Everything the rules and the evidence need.
#[derive(Debug, Default)]
pub struct Gathered {
    pub exporters: BTreeMap<Uuid, Exporter>,
    pub exports: Vec<(ExportLine, ExportFact)>,
    pub purchases: Vec<(PurchaseLine, PurchaseFact)>,
    /// The exporters' sales to other licence holders.
    pub sold: Vec<SoldFact>,
    pub openings: Vec<OpeningStock>,
}

/// A licence that counts: complete and not voided.
fn licence(records: &dyn Records, id: Uuid) -> Result<Option<Licence>> {
    Ok(match records.record(Collection::Licence, id)? {
        Some(r) => match &r.state {
            AnyRecord::Licence(s) if void_reason(s).is_none() => Licence::from_state(s),
            _ => None,
        },
        None => None,
    })
}

fn holder_name(store: &dyn Store, holder: &Holder) -> Result<String> {
    Ok(match holder {
        Holder::Organisation(name) => name.to_string(),
        Holder::Miner(id) => miner_names(store, *id)?.unwrap_or_else(|| format!("miner {id}")),
    })
}

/// A registered miner's names; `None` while the registry holds no complete record of them.
fn miner_names(store: &dyn Store, id: Uuid) -> Result<Option<String>> {
    Ok(match store.record(Collection::Miner, id)? {
        Some(r) => match &r.state {
            AnyRecord::Miner(s) => Miner::from_state(s).map(|m| m.names.to_string()),
            _ => None,
        },
        None => None,
    })
}

/// Whether the registry knows the seller: a registered miner, or a buyer or exporter
/// licence.
pub fn verified_seller(records: &dyn Records, seller: &Seller) -> Result<bool> {
    Ok(match seller {
        Seller::Miner(id) => records
            .record(Collection::Miner, *id)?
            .is_some_and(|r| registered_miner(&r.state)),
        Seller::Licence(id) => licence(records, *id)?.is_some_and(|l| licensed_seller(l.kind)),
    })
}

/// Whether a sale by this seller is a first sale: a miner's, or a mining licence
/// holder's. A licence the registry does not hold (yet) is not taken for a miner's.
pub fn first_sale(records: &dyn Records, seller: &Seller) -> Result<bool> {
    Ok(match seller {
        Seller::Miner(_) => true,
        Seller::Licence(id) => {
            licence(records, *id)?.is_some_and(|l| crate::flags::is_mining_licence(l.kind))
        }
    })
}

/// The sales recorded to a licence (as buyer), with whether each seller is verified.
pub fn purchases_by(store: &dyn Store, buyer: Uuid) -> Result<Vec<(PurchaseLine, PurchaseFact)>> {
    let mut out = Vec::new();
    for id in store.sales_to(buyer)? {
        let Some(stored) = store.record(Collection::Sale, id)? else {
            continue;
        };
        let Some(sale) = live_sale(&stored).filter(|sale| sale.buyer == buyer) else {
            continue;
        };
        let verified = verified_seller(&StoreRecords(store), &sale.seller)?;
        let (seller_kind, seller) = match sale.seller {
            Seller::Miner(m) => ("miner", m),
            Seller::Licence(l) => ("licence", l),
        };
        let seller_name = match sale.seller {
            Seller::Miner(m) => miner_names(store, m)?,
            Seller::Licence(l) => licence(&StoreRecords(store), l)?.map(|l| l.number.to_string()),
        };
        let (carats, cents) = (sale.carats.hundredths(), sale.value.cents());
        out.push((
            PurchaseLine {
                id,
                exporter: buyer,
                date: sync_protocol::values::format_day(sale.date),
                seller_kind,
                seller,
                seller_name,
                verified,
                carats_hundredths: carats,
                cents,
                region: stored.region,
            },
            PurchaseFact::of(id, sale, stored.region, verified),
        ));
    }
    Ok(out)
}

/// The carats of those of `purchases` that are live sales to `exporter`.
pub fn cited_carats(store: &dyn Store, exporter: Uuid, purchases: &[Uuid]) -> Result<u64> {
    let mut carats = 0;
    for id in purchases {
        if let Some(stored) = store.record(Collection::Sale, *id)? {
            if let Some(sale) = live_sale(&stored).filter(|s| s.buyer == exporter) {
                carats += sale.carats.hundredths();
            }
        }
    }
    Ok(carats)
}

/// The sales recorded with a licence as the seller: what left its stock other than by
/// export.
pub fn sold_by(store: &dyn Store, seller: Uuid) -> Result<Vec<SoldFact>> {
    let mut out = Vec::new();
    for id in store.sales_by(seller)? {
        let Some(stored) = store.record(Collection::Sale, id)? else {
            continue;
        };
        let Some(sale) = live_sale(&stored).filter(|sale| sale.seller == Seller::Licence(seller))
        else {
            continue;
        };
        out.push(SoldFact {
            seller,
            month: crate::reports::rollup::month_of(sale.date),
            carats_hundredths: sale.carats.hundredths(),
            cents: sale.value.cents(),
        });
    }
    Ok(out)
}

/// Every licensed dealer (a buyer's licence, not voided) the filter keeps, by id, named as
/// exporters are.
pub fn dealers(store: &dyn Store, keep: impl Fn(Uuid) -> bool) -> Result<BTreeMap<Uuid, Exporter>> {
    licences_of_kind(store, LicenceKind::Buyer, keep)
}

/// Every licence of `kind` (not voided) filed in a region the filter keeps, named.
fn licences_of_kind(
    store: &dyn Store,
    kind: LicenceKind,
    keep: impl Fn(Uuid) -> bool,
) -> Result<BTreeMap<Uuid, Exporter>> {
    let mut out = BTreeMap::new();
    for (id, stored) in store.records_in(Collection::Licence)? {
        if !keep(stored.region) {
            continue;
        }
        if let AnyRecord::Licence(s) = &stored.state {
            if let Some(l) = Licence::from_state(s).filter(|_| void_reason(s).is_none()) {
                if l.kind == kind {
                    out.insert(
                        id,
                        Exporter {
                            id,
                            number: l.number.to_string(),
                            holder: holder_name(store, &l.holder)?,
                            region: stored.region,
                        },
                    );
                }
            }
        }
    }
    Ok(out)
}

/// Reads the exporters (every exporter licence, and any licence an export names), their
/// exports, the sales to them and the opening stocks.
pub fn gather(store: &dyn Store, regions: &crate::geo::RegionIndex) -> Result<Gathered> {
    let mut g = Gathered {
        exporters: licences_of_kind(store, LicenceKind::Exporter, |_| true)?,
        ..Gathered::default()
    };
    let valuations: BTreeMap<Uuid, crate::reports::exports::ValuationRecord> = store
        .valuations()?
        .into_iter()
        .map(|v| (v.export, v))
        .collect();
    let citations: BTreeMap<Uuid, Vec<Uuid>> = store
        .citations()?
        .into_iter()
        .map(|c| (c.export, c.purchases))
        .collect();
    for (id, stored) in store.records_in(Collection::Export)? {
        let Some(e) = live_export(&stored) else {
            continue;
        };
        if let std::collections::btree_map::Entry::Vacant(slot) = g.exporters.entry(e.exporter) {
            let (number, holder) = match licence(&StoreRecords(store), e.exporter)? {
                Some(l) => (l.number.to_string(), holder_name(store, &l.holder)?),
                None => ("(unknown licence)".to_string(), String::new()),
            };
            slot.insert(Exporter {
                id: e.exporter,
                number,
                holder,
                region: stored.region,
            });
        }
        let mut parcel = Footprint::default();
        // A parcel whose counts do not add up is left out of the footprint, not the balance.
        if parcel.add_parcel(&e.parcel).is_err() {
            parcel = Footprint::default();
        }
        let (carats, cents) = (e.carats.hundredths(), e.value.cents());
        let valuation = valuations.get(&id);
        let cited = citations.get(&id).cloned().unwrap_or_default();
        let cited_carats = if cited.is_empty() {
            None
        } else {
            Some(cited_carats(store, e.exporter, &cited)?)
        };
        let mut fact = ExportFact::of(id, e, regions.country_ancestor(stored.region), parcel)
            .valued(valuation);
        fact.cited_carats_hundredths = cited_carats;
        g.exports.push((
            ExportLine {
                id,
                exporter: e.exporter,
                date: sync_protocol::values::format_day(e.date),
                certificate: e.certificate.to_string(),
                hs_code: e.hs_code.code().to_string(),
                destination: e.destination.as_str().to_string(),
                carats_hundredths: carats,
                cents,
                usd_per_carat: (carats > 0).then(|| cents as f64 / carats as f64),
                valuation_cents: valuation.map(|v| v.valuation.cents()),
                duty_cents: valuation.map(|v| v.duty.cents()),
                cited_purchases: cited,
                cited_carats_hundredths: cited_carats,
            },
            fact,
        ));
    }
    let exporters: Vec<Uuid> = g.exporters.keys().copied().collect();
    for exporter in exporters {
        g.purchases.extend(purchases_by(store, exporter)?);
        g.sold.extend(sold_by(store, exporter)?);
    }
    g.openings = store
        .opening_stocks()?
        .into_iter()
        .map(|o| OpeningStock::of(&o))
        .collect();
    Ok(g)
}
