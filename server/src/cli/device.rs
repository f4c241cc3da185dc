//! `placer device ...`: a field agent's day from the shell, through the same client
//! library an Android app would use ([`sync_protocol::client`]).
//!
//! The device directory is created owner-only and refused when others may enter it. The
//! device's signing key is sealed there under a key-encryption key kept in a file outside
//! it ([`DeviceKeys::kek_file`]), the command line's stand-in for a handset's keystore. The
//! server is reached over HTTPS (plain HTTP only on this machine), trusting the public
//! roots and any CA given with `--ca-cert`.

use crate::i18n::{self, Lang};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Subcommand, ValueEnum};
use sync_protocol::client::keys::{create_private_dir, refuse_shared};
use sync_protocol::client::transport::{HttpTransport, Options};
use sync_protocol::client::{cli_value, Device, Kek, Listed};
use sync_protocol::records::*;
use sync_protocol::values::*;
use sync_protocol::ProtocolError;
use uuid::Uuid;

/// Where the device's secrets come from, for every device command.
#[derive(Debug, Args)]
pub struct DeviceKeys {
    /// The key-encryption key that seals this device's signing key: a file outside the
    /// device directory holding 64 hexadecimal digits, made (owner-only) when missing, and
    /// refused if others may read it. One file may serve every device of a user.
    /// [default: $XDG_CONFIG_HOME/placer/device.kek, else ~/.config/placer/device.kek]
    #[arg(long, env = "PLACER_DEVICE_KEK_FILE", global = true)]
    kek_file: Option<PathBuf>,
    /// PEM certificates to trust besides the public roots: a ministry's own CA, or the
    /// self-signed certificate of a test server.
    #[arg(long, env = "PLACER_CA_CERT", global = true)]
    ca_cert: Option<PathBuf>,
}

impl DeviceKeys {
    /// The key-encryption key of a device in `dir`.
    fn kek(&self, dir: &Path) -> Result<Kek, ProtocolError> {
        let path = match &self.kek_file {
            Some(p) => p.clone(),
            None => default_kek_file()?,
        };
        // A key kept with what it protects protects nothing: a copy of the directory
        // would carry both.
        let inside = match (std::path::absolute(&path), std::path::absolute(dir)) {
            (Ok(kek), Ok(dir)) => kek.starts_with(dir),
            _ => false,
        };
        if inside {
            return Err(ProtocolError::Invalid(format!(
                "the key-encryption key {} is inside the device directory {}: keep it \
                 elsewhere (--kek-file, PLACER_DEVICE_KEK_FILE)",
                path.display(),
                dir.display()
            )));
        }
        Kek::load_or_create(&path)
    }

    /// An HTTP transport to `server`, trusting `--ca-cert` too.
    fn transport(&self, server: &str) -> Result<HttpTransport, ProtocolError> {
        let ca = self
            .ca_cert
            .as_ref()
            .map(|p| {
                std::fs::read(p)
                    .map_err(|e| ProtocolError::Invalid(format!("--ca-cert {}: {e}", p.display())))
            })
            .transpose()?;
        HttpTransport::with_ca(server, Options::default(), ca.as_deref())
    }
}

/// `$XDG_CONFIG_HOME/placer/device.kek`, else `$HOME/.config/placer/device.kek`.
fn default_kek_file() -> Result<PathBuf, ProtocolError> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .map(PathBuf::from)
                .filter(|p| p.is_absolute())
                .map(|home| home.join(".config"))
        })
        .ok_or_else(|| {
            ProtocolError::Invalid(
                "no HOME to keep the key-encryption key under: give --kek-file or \
                 PLACER_DEVICE_KEK_FILE"
                    .into(),
            )
        })?;
    Ok(config.join("placer").join("device.kek"))
}

#[derive(Debug, Subcommand)]
pub enum DeviceCmd {
    /// Enrols this device with a one-time code from `placer admin enrol-code`.
    Init {
        /// The server's base URL, e.g. https://registry.example.org (http:// only to this
        /// machine: 127.0.0.1, ::1, localhost)
        #[arg(long)]
        server: String,
        #[arg(long)]
        code: String,
        /// A label for the handset (model, serial number).
        #[arg(long, default_value = "placer device CLI")]
        label: String,
    },
    /// Registers a miner.
    #[command(subcommand)]
    Miner(AddMiner),
    /// Registers a licence.
    #[command(subcommand)]
    Licence(AddLicence),
    /// Records a site-day of production.
    #[command(subcommand)]
    Production(AddProduction),
    /// Records a sale.
    #[command(subcommand)]
    Sale(AddSale),
    /// Records an export.
    #[command(subcommand)]
    Export(AddExport),
    /// Edits fields of a record: `--set phone="+233 24 000 0000" --set cooperative=null`.
    /// For production, sales and exports this records a correction.
    Edit {
        collection: Collection,
        id: Uuid,
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        sets: Vec<String>,
    },
    /// Voids a record, with a reason; it stays in history.
    Void {
        collection: Collection,
        id: Uuid,
        #[arg(long)]
        reason: String,
    },
    /// Sends pending records and receives colleagues' changes, trying again over a bad link.
    Sync {
        #[arg(long)]
        json: bool,
        /// Attempts before giving up when the link breaks or the server is down (waits
        /// double from 1 s to 30 s between them, for at most 10 minutes).
        #[arg(long, default_value_t = 10)]
        attempts: u32,
    },
    /// Photos and documents of records: kept on the device, uploaded at the next sync.
    #[command(subcommand)]
    Photo(PhotoCmd),
    /// Asks the server for the red flags raised on records this device wrote, and prints
    /// every one the device holds with the officers' notes, the latest changed first.
    Notes {
        #[arg(long)]
        json: bool,
    },
    /// Lists the records of a collection held on this device.
    List {
        collection: Collection,
        #[arg(long)]
        json: bool,
    },
    /// Shows the device's identity, pending ops, outbox and cursor.
    Status,
}

#[derive(Debug, Subcommand)]
pub enum PhotoCmd {
    /// Attaches a photo (JPEG or PNG, at most 2 MiB) to a record this device holds: a
    /// miner's `miner_photo` or `identity_document`, a licence's `licence_document`, a
    /// production's or an export's `parcel_photo`. Prints its SHA-256.
    Add {
        #[arg(long)]
        record: Uuid,
        #[arg(long, value_parser = clap::builder::ValueParser::new(
            |s: &str| s.parse::<sync_protocol::api::PhotoKind>()
        ))]
        kind: sync_protocol::api::PhotoKind,
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AddMiner {
    Add(MinerArgs),
}
#[derive(Debug, Subcommand)]
pub enum AddLicence {
    Add(LicenceArgs),
}
#[derive(Debug, Subcommand)]
pub enum AddProduction {
    Add(ProductionArgs),
}
#[derive(Debug, Subcommand)]
pub enum AddSale {
    Add(SaleArgs),
}
#[derive(Debug, Subcommand)]
pub enum AddExport {
    Add(ExportArgs),
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SexArg {
    Female,
    Male,
    Unspecified,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum MineralArg {
    Diamond,
    Gold,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    ArtisanalPermit,
    Claim,
    Cooperative,
    Buyer,
    Exporter,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusArg {
    Active,
    Suspended,
    Revoked,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HsArg {
    #[value(name = "7102.10")]
    Unsorted,
    #[value(name = "7102.21")]
    Industrial,
    #[value(name = "7102.31")]
    Gem,
}

impl From<HsArg> for HsCode {
    fn from(a: HsArg) -> Self {
        match a {
            HsArg::Unsorted => HsCode::Unsorted,
            HsArg::Industrial => HsCode::Industrial,
            HsArg::Gem => HsCode::Gem,
        }
    }
}

/// Where a record is filed and where the agent stood.
#[derive(Debug, Args)]
pub struct Place {
    /// Region to file the record under (default: the device's first region).
    #[arg(long)]
    region: Option<Uuid>,
}

#[derive(Debug, Args)]
pub struct Fix {
    #[arg(long, allow_hyphen_values = true)]
    lat: f64,
    #[arg(long, allow_hyphen_values = true)]
    lon: f64,
    /// Stated accuracy of the fix, in metres.
    #[arg(long, default_value_t = 10)]
    accuracy: u32,
}

impl Fix {
    fn parse(&self) -> Result<GeoFix, ProtocolError> {
        Ok(GeoFix {
            point: Point::new(self.lon, self.lat)?,
            accuracy: AccuracyMetres::new(self.accuracy)?,
        })
    }
}

#[derive(Debug, Args)]
pub struct MinerArgs {
    #[arg(long)]
    names: String,
    #[arg(long, value_enum)]
    sex: SexArg,
    #[arg(long)]
    birth_year: u16,
    #[arg(long)]
    national_id: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    cooperative: Option<String>,
    /// Registration date, YYYY-MM-DD (default: today).
    #[arg(long)]
    registered_on: Option<String>,
    #[arg(long, allow_hyphen_values = true, requires = "lon")]
    lat: Option<f64>,
    #[arg(long, allow_hyphen_values = true, requires = "lat")]
    lon: Option<f64>,
    #[arg(long, default_value_t = 10)]
    accuracy: u32,
    #[command(flatten)]
    place: Place,
}

#[derive(Debug, Args)]
pub struct LicenceArgs {
    #[arg(long)]
    number: String,
    #[arg(long, value_enum)]
    kind: KindArg,
    /// The holder, a registered miner.
    #[arg(
        long,
        conflicts_with = "holder_org",
        required_unless_present = "holder_org"
    )]
    holder_miner: Option<Uuid>,
    /// The holder, an organisation (cooperative, company).
    #[arg(long)]
    holder_org: Option<String>,
    #[arg(long, value_enum, default_value = "diamond")]
    mineral: MineralArg,
    #[arg(long)]
    issued: String,
    #[arg(long)]
    expires: String,
    #[arg(long, value_enum, default_value = "active")]
    status: StatusArg,
    /// The claim's boundary: a GeoJSON file with a Polygon (geometry, Feature or first
    /// feature of a FeatureCollection).
    #[arg(long)]
    area: Option<std::path::PathBuf>,
    #[command(flatten)]
    place: Place,
}

#[derive(Debug, Args)]
pub struct Stones {
    /// Weights of the stones in carats, comma-separated: 0.25,1.10,0.07
    #[arg(long, value_delimiter = ',', conflicts_with_all = ["stone_count", "total_carats"])]
    stones: Vec<String>,
    /// Number of stones when they were not weighed one by one.
    #[arg(long, requires = "total_carats")]
    stone_count: Option<u32>,
    #[arg(long, requires = "stone_count")]
    total_carats: Option<String>,
}

impl Stones {
    fn parse(&self) -> Result<sync_protocol::values::Stones, ProtocolError> {
        Ok(match (&self.stone_count, &self.total_carats) {
            (Some(n), Some(t)) => sync_protocol::values::Stones::Counted {
                count: StoneCount::new(*n)?,
                total: Carats::parse(t)?,
            },
            _ => sync_protocol::values::Stones::Weighed(
                self.stones
                    .iter()
                    .map(|s| Carats::parse(s))
                    .collect::<Result<_, _>>()?,
            ),
        })
    }
}

#[derive(Debug, Args)]
pub struct ProductionArgs {
    #[arg(long)]
    licence: Uuid,
    #[arg(long)]
    miner: Option<Uuid>,
    /// YYYY-MM-DD (default: today).
    #[arg(long)]
    date: Option<String>,
    #[command(flatten)]
    fix: Fix,
    #[arg(long)]
    diggers: u32,
    #[arg(long, default_value_t = 0)]
    gravel_litres: u32,
    #[command(flatten)]
    stones: Stones,
    #[arg(long, value_enum, default_value = "diamond")]
    mineral: MineralArg,
    #[command(flatten)]
    place: Place,
}

#[derive(Debug, Args)]
pub struct SaleArgs {
    #[arg(
        long,
        conflicts_with = "seller_licence",
        required_unless_present = "seller_licence"
    )]
    seller_miner: Option<Uuid>,
    #[arg(long)]
    seller_licence: Option<Uuid>,
    /// The buyer's licence.
    #[arg(long)]
    buyer: Uuid,
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    carats: String,
    #[arg(long)]
    stones: u32,
    #[arg(long)]
    value_usd: String,
    #[arg(long, value_enum, default_value = "diamond")]
    mineral: MineralArg,
    #[command(flatten)]
    place: Place,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The exporter's licence.
    #[arg(long)]
    exporter: Uuid,
    #[arg(long)]
    certificate: String,
    #[arg(long)]
    date: Option<String>,
    #[arg(long)]
    carats: String,
    #[arg(long)]
    value_usd: String,
    #[arg(long, value_enum)]
    hs_code: HsArg,
    /// ISO 3166-1 alpha-3 code of the destination.
    #[arg(long)]
    destination: String,
    /// Weights of the parcel's stones, comma-separated.
    #[arg(
        long,
        value_delimiter = ',',
        required_unless_present = "class_counts",
        conflicts_with = "class_counts"
    )]
    stones: Vec<String>,
    /// Or the parcel's stones counted per size class, without weights:
    /// `below_0.10=120,0.10-0.25=40,1-2=3` (classes as the reports name them).
    #[arg(long, value_delimiter = ',')]
    class_counts: Vec<String>,
    #[command(flatten)]
    place: Place,
}

/// `CLASS=N` pairs of `--class-counts`.
fn class_counts(pairs: &[String]) -> Result<Vec<SizeClassCount>, ProtocolError> {
    pairs
        .iter()
        .map(|pair| {
            let bad = |why: String| ProtocolError::Invalid(format!("--class-counts: {why}"));
            let (label, n) = pair
                .split_once('=')
                .ok_or_else(|| bad(format!("{pair:?}: expected CLASS=COUNT")))?;
            let class = SizeClass::from_label(label).ok_or_else(|| {
                let known: Vec<&str> = SizeClass::ALL.iter().map(|c| c.label()).collect();
                bad(format!(
                    "{label:?} is not a size class ({})",
                    known.join(", ")
                ))
            })?;
            let count = n
                .trim()
                .parse::<u32>()
                .map_err(|_| bad(format!("{n:?} is not a number of stones")))?;
            Ok(SizeClassCount {
                class,
                count: StoneCount::new(count)?,
            })
        })
        .collect()
}

fn day_or_today(s: &Option<String>) -> Result<Day, ProtocolError> {
    match s {
        Some(s) => Ok(parse_day(s)?),
        None => Ok(time::OffsetDateTime::now_utc().date()),
    }
}

fn mineral(m: MineralArg) -> Mineral {
    match m {
        MineralArg::Diamond => Mineral::Diamond,
        MineralArg::Gold => Mineral::Gold,
    }
}

/// Reads the first Polygon of a GeoJSON file.
fn read_area(path: &Path) -> Result<Polygon, ProtocolError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| ProtocolError::Invalid(format!("{}: {e}", path.display())))?;
    let gj: geojson::GeoJson = text
        .parse()
        .map_err(|e| ProtocolError::Invalid(format!("{}: not GeoJSON: {e}", path.display())))?;
    let geometry = match gj {
        geojson::GeoJson::Geometry(g) => Some(g),
        geojson::GeoJson::Feature(f) => f.geometry,
        geojson::GeoJson::FeatureCollection(fc) => fc.features.into_iter().find_map(|f| f.geometry),
    };
    let Some(geojson::Geometry {
        value: geojson::Value::Polygon(rings),
        ..
    }) = geometry
    else {
        return Err(ProtocolError::Invalid(format!(
            "{}: no Polygon geometry",
            path.display()
        )));
    };
    let mut rings = rings.into_iter().map(|ring| {
        let points = ring
            .into_iter()
            .map(|pos| match pos.as_slice() {
                [lon, lat, ..] => Point::new(*lon, *lat),
                _ => Err(sync_protocol::ValueError {
                    what: "position",
                    detail: "needs longitude and latitude".into(),
                }),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok::<_, ProtocolError>(Ring::new(points)?)
    });
    let exterior = rings
        .next()
        .ok_or_else(|| ProtocolError::Invalid("the polygon has no ring".into()))??;
    Ok(Polygon {
        exterior,
        holes: rings.collect::<Result<_, _>>()?,
    })
}

/// Runs one device command; returns what to print.
/// Runs one device command; its messages in the language the shell asks for
/// ([`Lang::from_env`]).
pub fn run(dir: &Path, keys: &DeviceKeys, cmd: DeviceCmd) -> Result<String, ProtocolError> {
    let lang = Lang::from_env();
    // The URL first: a refused server costs no directory and no key.
    let transport = match &cmd {
        DeviceCmd::Init { server, .. } => Some(keys.transport(server)?),
        _ => None,
    };
    create_private_dir(dir)
        .map_err(|e| ProtocolError::Invalid(format!("{}: {e}", dir.display())))?;
    refuse_shared(dir, "700").map_err(ProtocolError::Invalid)?;
    let device = Device::open(dir, Arc::new(keys.kek(dir)?))?;
    match cmd {
        DeviceCmd::Init {
            server,
            code,
            label,
        } => {
            let t = match transport {
                Some(t) => t,
                None => keys.transport(&server)?,
            };
            let id = device.enrol(&t, &server, &code, &label)?;
            Ok(pretty(&id))
        }
        DeviceCmd::Miner(AddMiner::Add(a)) => {
            let identity = device.identity()?;
            let region = device.region_or_default(a.place.region)?;
            let registered_at = match (a.lat, a.lon) {
                (Some(lat), Some(lon)) => Some(
                    Fix {
                        lat,
                        lon,
                        accuracy: a.accuracy,
                    }
                    .parse()?,
                ),
                _ => None,
            };
            let miner = Miner {
                names: PersonName::parse(a.names)?,
                sex: match a.sex {
                    SexArg::Female => Sex::Female,
                    SexArg::Male => Sex::Male,
                    SexArg::Unspecified => Sex::Unspecified,
                },
                birth_year: BirthYear::new(a.birth_year)?,
                home_region: region,
                registered_on: day_or_today(&a.registered_on)?,
                registered_by: Text::parse(identity.agent)?,
                national_id: a.national_id.map(NationalId::parse).transpose()?,
                phone: a.phone.map(Phone::parse).transpose()?,
                cooperative: a.cooperative.map(Text::parse).transpose()?,
                registered_at,
            };
            Ok(device.register_miner(miner, region)?.to_string())
        }
        DeviceCmd::Licence(AddLicence::Add(a)) => {
            let region = device.region_or_default(a.place.region)?;
            let licence = Licence {
                number: LicenceNumber::parse(a.number)?,
                kind: match a.kind {
                    KindArg::ArtisanalPermit => LicenceKind::ArtisanalPermit,
                    KindArg::Claim => LicenceKind::Claim,
                    KindArg::Cooperative => LicenceKind::Cooperative,
                    KindArg::Buyer => LicenceKind::Buyer,
                    KindArg::Exporter => LicenceKind::Exporter,
                },
                holder: match (a.holder_miner, a.holder_org) {
                    (Some(m), _) => Holder::Miner(m),
                    (None, Some(o)) => Holder::Organisation(Text::parse(o)?),
                    (None, None) => {
                        return Err(ProtocolError::Invalid(i18n::text(
                            lang,
                            "device-needs-holder",
                            &[],
                        )))
                    }
                },
                mineral: mineral(a.mineral),
                issued: parse_day(&a.issued)?,
                expires: parse_day(&a.expires)?,
                status: match a.status {
                    StatusArg::Active => LicenceStatus::Active,
                    StatusArg::Suspended => LicenceStatus::Suspended,
                    StatusArg::Revoked => LicenceStatus::Revoked,
                },
                area: a.area.as_deref().map(read_area).transpose()?,
            };
            Ok(device.register_licence(licence, region)?.to_string())
        }
        DeviceCmd::Production(AddProduction::Add(a)) => {
            let region = device.region_or_default(a.place.region)?;
            let p = Production {
                licence: a.licence,
                miner: a.miner,
                date: day_or_today(&a.date)?,
                fix: a.fix.parse()?,
                diggers: Diggers::new(a.diggers)?,
                gravel: GravelLitres::new(a.gravel_litres)?,
                stones: a.stones.parse()?,
                mineral: mineral(a.mineral),
            };
            Ok(device.record_production(p, region)?.to_string())
        }
        DeviceCmd::Sale(AddSale::Add(a)) => {
            let region = device.region_or_default(a.place.region)?;
            let s = Sale {
                seller: match (a.seller_miner, a.seller_licence) {
                    (Some(m), _) => Seller::Miner(m),
                    (None, Some(l)) => Seller::Licence(l),
                    (None, None) => {
                        return Err(ProtocolError::Invalid(i18n::text(
                            lang,
                            "device-needs-seller",
                            &[],
                        )))
                    }
                },
                buyer: a.buyer,
                date: day_or_today(&a.date)?,
                carats: Carats::parse(&a.carats)?,
                stones: StoneCount::new(a.stones)?,
                value: UsdCents::parse(&a.value_usd)?,
                mineral: mineral(a.mineral),
            };
            Ok(device.record_sale(s, region)?.to_string())
        }
        DeviceCmd::Export(AddExport::Add(a)) => {
            let region = device.region_or_default(a.place.region)?;
            let e = Export {
                exporter: a.exporter,
                certificate: KpCertificate::parse(a.certificate)?,
                date: day_or_today(&a.date)?,
                carats: Carats::parse(&a.carats)?,
                value: UsdCents::parse(&a.value_usd)?,
                hs_code: a.hs_code.into(),
                destination: CountryCode::parse(a.destination)?,
                parcel: if a.class_counts.is_empty() {
                    Parcel::Stones(
                        a.stones
                            .iter()
                            .map(|s| Carats::parse(s))
                            .collect::<Result<_, _>>()?,
                    )
                } else {
                    Parcel::SizeClasses(class_counts(&a.class_counts)?)
                },
            };
            Ok(device.record_export(e, region)?.to_string())
        }
        DeviceCmd::Edit {
            collection,
            id,
            sets,
        } => {
            let pairs = sets
                .iter()
                .map(|s| {
                    s.split_once('=')
                        .map(|(k, v)| (k.trim().to_string(), cli_value(v)))
                        .ok_or_else(|| {
                            ProtocolError::Invalid(i18n::text(
                                lang,
                                "device-not-field-value",
                                &[("given", format!("{s:?}").into())],
                            ))
                        })
                })
                .collect::<Result<Vec<_>, _>>()?;
            device.edit(collection, id, &pairs)?;
            Ok(id.to_string())
        }
        DeviceCmd::Photo(PhotoCmd::Add { record, kind, file }) => {
            let bytes = std::fs::read(&file)
                .map_err(|e| ProtocolError::Invalid(format!("{}: {e}", file.display())))?;
            Ok(device.add_photo(record, kind, bytes)?.to_hex())
        }
        DeviceCmd::Void {
            collection,
            id,
            reason,
        } => {
            device.void(collection, id, Reason::parse(reason)?)?;
            Ok(id.to_string())
        }
        DeviceCmd::Sync {
            json: as_json,
            attempts,
        } => {
            let identity = device.identity()?;
            let t = keys.transport(&identity.server)?;
            let bar = crate::progress::spinner("syncing");
            let r = device.sync_with_progress(
                &t,
                sync_protocol::client::Retry {
                    attempts: attempts.max(1),
                    ..Default::default()
                },
                &mut |r| {
                    bar.set_message(i18n::text(
                        lang,
                        "device-syncing",
                        &[
                            ("batches", r.batches_acknowledged.into()),
                            ("changes", r.changes_pulled.into()),
                        ],
                    ))
                },
            );
            bar.finish_and_clear();
            let r = r?;
            if as_json {
                Ok(pretty(&r))
            } else {
                let resent = if r.batches_resent > 0 {
                    let count = [("count", r.batches_resent.into())];
                    i18n::text(lang, "device-synced-resent", &count)
                } else {
                    String::new()
                };
                let photos = if r.photos_sent > 0 {
                    let count = [("count", r.photos_sent.into())];
                    i18n::text(lang, "device-synced-photos", &count)
                } else {
                    String::new()
                };
                let attempts = if r.attempts > 1 {
                    let count = [("count", u64::from(r.attempts).into())];
                    i18n::text(lang, "device-synced-attempts", &count)
                } else {
                    String::new()
                };
                Ok(i18n::text(
                    lang,
                    "device-synced",
                    &[
                        ("batches", r.batches_acknowledged.into()),
                        ("ops", r.ops_acknowledged.into()),
                        ("resent", resent.into()),
                        ("photos", photos.into()),
                        ("changes", r.changes_pulled.into()),
                        ("cursor", r.cursor.into()),
                        ("up", r.bytes_up.into()),
                        ("down", r.bytes_down.into()),
                        ("seconds", format!("{:.1}", r.seconds).into()),
                        ("attempts", attempts.into()),
                        ("left-ops", r.left_ops.into()),
                        ("left-batches", r.left_batches.into()),
                    ],
                ))
            }
        }
        DeviceCmd::Notes { json: as_json } => {
            let identity = device.identity()?;
            let t = keys.transport(&identity.server)?;
            let flags = device.notes(&t)?;
            if as_json {
                Ok(pretty(&flags))
            } else {
                Ok(notes_text(lang, &flags))
            }
        }
        DeviceCmd::List {
            collection,
            json: as_json,
        } => {
            let items = device.list(collection)?;
            if as_json {
                Ok(pretty(&items))
            } else {
                Ok(table(lang, &items))
            }
        }
        DeviceCmd::Status => Ok(pretty(&device.status()?)),
    }
}

fn table(lang: Lang, items: &[Listed]) -> String {
    let mut out = String::new();
    for i in items {
        let summary = i
            .record
            .as_ref()
            .map(|r| r.to_string())
            .unwrap_or_else(|| i18n::text(lang, "device-list-incomplete", &[]));
        let void = i
            .voided
            .as_deref()
            .map(|r| {
                let reason = [("reason", r.into())];
                format!(" {}", i18n::text(lang, "device-list-void", &reason))
            })
            .unwrap_or_default();
        let conflicts = if i.conflicts.is_empty() {
            String::new()
        } else {
            let count = [("count", i.conflicts.len().into())];
            format!(" {}", i18n::text(lang, "device-list-conflicts", &count))
        };
        out.push_str(&format!("{}{void}{conflicts} {summary}\n", i.id));
    }
    let count = [("count", items.len().into())];
    out.push_str(&i18n::text(lang, "device-list-count", &count));
    out
}

/// The flags on this device's records in words: each flag's state, severity and kind, its
/// sentence, the records it names and what happened to it, with the officers' names and
/// notes.
fn notes_text(lang: Lang, flags: &[sync_protocol::api::DeviceFlag]) -> String {
    use sync_protocol::api::{FlagEventKind, FlagSeverity, FlagState};
    let word = |id: &str| i18n::text(lang, id, &[]);
    let mut out = String::new();
    for f in flags {
        let state = match f.state {
            FlagState::Open => "fl-state-open",
            FlagState::Resolved => "fl-state-resolved",
            FlagState::Closed => "fl-state-closed",
        };
        let severity = match f.severity {
            FlagSeverity::High => "fl-severity-high",
            FlagSeverity::Medium => "fl-severity-medium",
            FlagSeverity::Low => "fl-severity-low",
        };
        // A kind this build does not know reads by its name.
        let kind = serde_json::from_value::<crate::flags::FlagKind>(f.kind.clone().into())
            .map(|k| word(&format!("flag-kind-{}", k.name().replace('_', "-"))))
            .unwrap_or_else(|_| f.kind.clone());
        out.push_str(&i18n::text(
            lang,
            "device-notes-flag",
            &[
                ("state", word(state).into()),
                ("severity", word(severity).into()),
                ("kind", kind.into()),
                ("id", f.id.clone().into()),
            ],
        ));
        out.push('\n');
        out.push_str(&format!("  {}\n", f.summary));
        for r in &f.records {
            let collection = r
                .collection
                .map(|c| c.name().to_string())
                .unwrap_or_else(|| word("device-notes-not-held"));
            out.push_str(&format!("  {collection} {}\n", r.record));
        }
        for e in &f.events {
            let event = word(match e.event {
                FlagEventKind::Raised => "fl-event-raised",
                FlagEventKind::Updated => "fl-event-updated",
                FlagEventKind::Closed => "fl-event-closed",
                FlagEventKind::Reopened => "fl-event-reopened",
                FlagEventKind::Resolved => "fl-event-resolved",
            });
            let line = match &e.by {
                Some(by) => i18n::text(
                    lang,
                    "device-notes-event-by",
                    &[
                        ("at", e.at.to_string().into()),
                        ("event", event.into()),
                        ("by", by.clone().into()),
                    ],
                ),
                None => format!("{} {event}", e.at),
            };
            out.push_str(&format!("  {line}\n"));
            if let Some(note) = &e.note {
                let note = [("note", note.clone().into())];
                out.push_str(&format!(
                    "    {}\n",
                    i18n::text(lang, "device-notes-note", &note)
                ));
            }
        }
    }
    let count = [("count", flags.len().into())];
    out.push_str(&i18n::text(lang, "device-notes-count", &count));
    out
}

fn pretty<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default()
}
