//! The season's devices, driven through `placer device` as field agents would, each
//! write also entered in the books ([`super::books`]) with what the test knows of it: where
//! the server will file it and when it was first written.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use time::Date;
use uuid::Uuid;

use super::books::*;
use super::world::*;
use crate::harness::*;
use crate::regions::import;

/// Imports districts drawn as boxes under `parent`; their ids by name.
pub fn import_districts(
    data: &Path,
    dir: &Path,
    parent: Uuid,
    districts: &[(&str, BBox)],
) -> HashMap<String, Uuid> {
    let features: Vec<serde_json::Value> = districts
        .iter()
        .map(|(name, b)| {
            serde_json::json!({
                "type": "Feature",
                "properties": {"NAME_2": name},
                "geometry": b.geometry(),
            })
        })
        .collect();
    let file = dir.join("districts.geojson");
    let fc = serde_json::json!({"type": "FeatureCollection", "features": features});
    std::fs::write(&file, fc.to_string()).unwrap();
    let parent = parent.to_string();
    let level = [
        "--level",
        "district",
        "--parent",
        &parent,
        "--name-field",
        "NAME_2",
    ];
    import(data, &file, &level).1
}

pub fn claim_around(p: Point) -> BBox {
    BBox::around(p, 0.005)
}

/// Hundredths as the CLI takes carats and US$: 125 → "1.25".
fn decimal(h: u64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

fn list(weights: &[u64]) -> String {
    weights
        .iter()
        .map(|w| decimal(*w))
        .collect::<Vec<_>>()
        .join(",")
}

pub enum Holder {
    Organisation(&'static str),
    Miner(String),
}

pub struct LicenceSpec {
    pub number: &'static str,
    pub kind: LicenceKind,
    pub mineral: Mineral,
    pub holder: Holder,
    pub issued: Date,
    pub expires: Date,
    pub area: Option<BBox>,
}

/// A diamond production weighed stone by stone.
pub fn diamonds(
    licence: &str,
    miner: Option<&str>,
    date: Date,
    at: Point,
    diggers: u32,
    gravel: u32,
    stones: &[u64],
) -> Production {
    Production {
        licence: licence.to_string(),
        miner: miner.map(str::to_string),
        date,
        at,
        diggers,
        gravel,
        stones: Stones::Weighed(stones.to_vec()),
        mineral: Mineral::Diamond,
    }
}

pub fn sale(seller: Seller, buyer: &str, date: Date, carats: u64, value: u64) -> Sale {
    Sale {
        seller,
        buyer: buyer.to_string(),
        date,
        carats,
        stones: 1,
        value,
    }
}

pub fn export(
    exporter: &str,
    certificate: &str,
    date: Date,
    hs: &'static str,
    value: u64,
    parcel: &[u64],
) -> Export {
    Export {
        exporter: exporter.to_string(),
        certificate: certificate.to_string(),
        date,
        carats: parcel.iter().sum(),
        value,
        hs,
        // Two partners, so that the KP rows are per destination.
        destination: if certificate.ends_with(['1', '3', '5', '7', '9']) {
            "ARE"
        } else {
            "BEL"
        },
        parcel: parcel.to_vec(),
    }
}

/// The devices driven through `placer device`, each write entered in the books.
pub struct Season<'a> {
    pub server: &'a Server,
    pub devices: Vec<Device>,
    pub regions: Vec<Vec<Uuid>>,
    pub books: Books,
    pub dir: PathBuf,
}

impl<'a> Season<'a> {
    pub fn new(server: &'a Server, map: Map, dir: &Path) -> Self {
        Self {
            server,
            devices: Vec::new(),
            regions: Vec::new(),
            books: Books::new(map),
            dir: dir.to_path_buf(),
        }
    }

    pub fn enrol(&mut self, agent: &str, regions: &[Uuid]) {
        self.devices.push(self.server.device(agent, regions));
        self.regions.push(regions.to_vec());
    }

    /// Where a record without geometry is filed: the region given, or the device's first.
    fn filed(&self, device: usize, region: Option<Uuid>) -> Uuid {
        region.unwrap_or(self.regions[device][0])
    }

    fn run(&self, device: usize, args: &[String]) -> String {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        self.devices[device].ok(&args)
    }

    pub fn miner(
        &mut self,
        device: usize,
        names: &str,
        registered: Date,
        at: Option<Point>,
        region: Option<Uuid>,
    ) -> String {
        let mut extra = vec!["--registered-on".to_string(), day_label(registered)];
        match at {
            Some(p) => extra.extend(
                ["--lat", &p.lat.to_string(), "--lon", &p.lon.to_string()].map(String::from),
            ),
            None => extra.extend([
                "--region".to_string(),
                self.filed(device, region).to_string(),
            ]),
        }
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let id = self.devices[device].add_miner(names, 1988, &extra);
        let region = at.map_or_else(|| self.filed(device, region), |p| self.books.map.locate(p));
        self.books.miner(device, &id, Miner { region, registered });
        id
    }

    pub fn licence(&mut self, device: usize, l: LicenceSpec, region: Option<Uuid>) -> String {
        let mut args: Vec<String> = [
            "licence",
            "add",
            "--number",
            l.number,
            "--kind",
            l.kind.name(),
            "--mineral",
            l.mineral.name(),
        ]
        .map(String::from)
        .to_vec();
        args.extend(match &l.holder {
            Holder::Organisation(o) => ["--holder-org".to_string(), o.to_string()],
            Holder::Miner(m) => ["--holder-miner".to_string(), m.clone()],
        });
        args.extend([
            "--issued".to_string(),
            day_label(l.issued),
            "--expires".to_string(),
            day_label(l.expires),
            "--region".to_string(),
            self.filed(device, region).to_string(),
        ]);
        if let Some(area) = l.area {
            let file = self.dir.join(format!("{}.geojson", l.number));
            std::fs::write(&file, area.geometry().to_string()).unwrap();
            args.extend(["--area".to_string(), file.display().to_string()]);
        }
        let id = self.run(device, &args);
        // The server files a licence where its area's centre lies.
        let region = l.area.map_or_else(
            || self.filed(device, region),
            |a| self.books.map.locate(a.centre()),
        );
        let record = Licence {
            region,
            kind: l.kind,
            mineral: l.mineral,
            issued: l.issued,
            expires: l.expires,
            area: l.area,
        };
        self.books.licence(device, &id, record);
        id
    }

    pub fn production(&mut self, device: usize, p: Production) -> String {
        let mut args: Vec<String> = vec![
            "production".into(),
            "add".into(),
            "--licence".into(),
            p.licence.clone(),
            "--date".into(),
            day_label(p.date),
            "--lat".into(),
            p.at.lat.to_string(),
            "--lon".into(),
            p.at.lon.to_string(),
            "--diggers".into(),
            p.diggers.to_string(),
            "--gravel-litres".into(),
            p.gravel.to_string(),
            "--mineral".into(),
            p.mineral.name().into(),
        ];
        if let Some(m) = &p.miner {
            args.extend(["--miner".to_string(), m.clone()]);
        }
        match &p.stones {
            Stones::Weighed(w) => args.extend(["--stones".to_string(), list(w)]),
            Stones::Counted { count, total } => args.extend([
                "--stone-count".to_string(),
                count.to_string(),
                "--total-carats".to_string(),
                decimal(*total),
            ]),
        }
        let id = self.run(device, &args);
        let given = self.filed(device, None);
        self.books
            .fact(device, &id, Body::Production(p), given, month_now());
        id
    }

    pub fn sale(&mut self, device: usize, s: Sale, region: Option<Uuid>) -> String {
        let region = self.filed(device, region);
        let mut args: Vec<String> = vec!["sale".into(), "add".into()];
        args.extend(match &s.seller {
            Seller::Licence(l) => ["--seller-licence".to_string(), l.clone()],
            Seller::Miner(m) => ["--seller-miner".to_string(), m.clone()],
        });
        args.extend([
            "--buyer".to_string(),
            s.buyer.clone(),
            "--date".to_string(),
            day_label(s.date),
            "--carats".to_string(),
            decimal(s.carats),
            "--stones".to_string(),
            s.stones.to_string(),
            "--value-usd".to_string(),
            decimal(s.value),
            "--region".to_string(),
            region.to_string(),
        ]);
        let id = self.run(device, &args);
        self.books
            .fact(device, &id, Body::Sale(s), region, month_now());
        id
    }

    pub fn export(&mut self, device: usize, e: Export, region: Option<Uuid>) -> String {
        let region = self.filed(device, region);
        let args: Vec<String> = [
            "export",
            "add",
            "--exporter",
            &e.exporter,
            "--certificate",
            &e.certificate,
            "--date",
            &day_label(e.date),
            "--carats",
            &decimal(e.carats),
            "--value-usd",
            &decimal(e.value),
            "--hs-code",
            e.hs,
            "--destination",
            e.destination,
            "--stones",
            &list(&e.parcel),
            "--region",
            &region.to_string(),
        ]
        .map(String::from)
        .to_vec();
        let id = self.run(device, &args);
        self.books
            .fact(device, &id, Body::Export(e), region, month_now());
        id
    }

    fn collection(&self, device: usize, id: &str) -> &'static str {
        match self.books.seen_by(device, id) {
            Body::Production(_) => "production",
            Body::Sale(_) => "sales",
            Body::Export(_) => "exports",
        }
    }

    /// A correction of a fact, on the body this device sees.
    pub fn edit(&mut self, device: usize, id: &str, edits: &[Edit]) {
        let mut args = vec![
            "edit".to_string(),
            self.collection(device, id).to_string(),
            id.to_string(),
        ];
        for e in edits {
            args.extend(["--set".to_string(), e.set_arg()]);
        }
        self.run(device, &args);
        self.books.edit(device, id, edits);
    }

    pub fn void(&mut self, device: usize, id: &str) {
        let args = [
            "void",
            self.collection(device, id),
            id,
            "--reason",
            "entered twice",
        ]
        .map(String::from);
        self.run(device, &args);
        self.books.void(device, id);
    }

    pub fn sync(&mut self, device: usize) {
        self.devices[device].sync();
        self.books.sync(device, month_now());
    }

    /// An officer resolves the flag of `kind` about a record, with a note.
    pub fn resolve_flag(&mut self, token: &str, record: &str, kind: &'static str) {
        let (status, flags) =
            self.server
                .call("GET", &format!("/v1/flags?kind={kind}"), Some(token), None);
        assert_eq!(status, 200, "{flags}");
        let flag = flags["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["records"][0] == record)
            .unwrap_or_else(|| panic!("no {kind} flag about {record}: {flags}"));
        let (status, body) = self.server.call(
            "POST",
            &format!("/v1/flags/{}/resolve", flag["id"].as_str().unwrap()),
            Some(token),
            Some(serde_json::json!({"note": "registered on paper at the district office"})),
        );
        assert_eq!(status, 200, "{body}");
        self.books.resolve(record, kind, month_now());
    }

    /// The facts this device lists (voided, date, carats) equal the books' standing facts:
    /// the books merge corrections as the devices and the server do.
    pub fn same_merge_as(&self, device: usize) {
        let listed: BTreeMap<String, (bool, String, Option<i64>)> =
            ["production", "sales", "exports"]
                .iter()
                .flat_map(|c| self.devices[device].list(c))
                .map(|r| {
                    let body = &r["record"];
                    let stones = &body["stones"];
                    let carats = match stones["weighed"].as_array() {
                        Some(w) => Some(w.iter().map(|s| s.as_i64().unwrap()).sum()),
                        None if stones.is_object() => stones["counted"]["total"].as_i64(),
                        None => body["carats"].as_i64(),
                    };
                    let id = r["id"].as_str().unwrap().to_string();
                    let date = body["date"].as_str().unwrap().to_string();
                    (id, (!r["voided"].is_null(), date, carats))
                })
                .collect();
        assert_eq!(
            listed,
            self.books.standing_summary(),
            "the books against device {device}"
        );
    }
}
