//! `placer admin ...`: administration that works whether or not the server is running.
//!
//! sled admits one process per data directory. If `server.json` names a live server, the
//! command goes through that server's loopback admin listener with its token; otherwise it
//! opens the data directory itself and calls the same [`Core`] functions the server would.

use std::path::Path;
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value as Json;
use uuid::Uuid;

use crate::app::{read_info, ServerInfo};
use crate::auth::{Officer, Role, UserView};
use crate::core::{Core, ImportReport, IssuedCode};
use crate::error::{Result, ServerError};
use crate::http::{CodeRequest, RegionImport, RevokeRequest, UserRequest};
use crate::store::DeviceView;
use crate::store::FlagFilter;

pub enum Admin {
    Remote {
        info: ServerInfo,
        client: reqwest::blocking::Client,
    },
    Local(Box<Core>),
}

/// The server running on `data`, if `server.json` names one that answers, with a client
/// for its admin listener.
pub fn live_server(data: &Path) -> Result<Option<(ServerInfo, reqwest::blocking::Client)>> {
    let Some(info) = read_info(data) else {
        return Ok(None);
    };
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| ServerError::Other(e.to_string()))?;
    let alive = client
        .get(format!("{}/healthz", info.admin_url))
        .send()
        .is_ok_and(|r| r.status().is_success());
    if alive {
        return Ok(Some((info, client)));
    }
    tracing::info!("server.json is stale (no server answers); opening the data directory");
    Ok(None)
}

impl Admin {
    /// Finds the running server, or opens the data directory directly.
    pub fn connect(data: &Path) -> Result<Self> {
        if let Some((info, client)) = live_server(data)? {
            return Ok(Self::Remote { info, client });
        }
        let (core, _) = Core::open(data)?;
        Ok(Self::Local(Box::new(core)))
    }

    /// Sends a request to the running server's admin listener; the body of a success.
    fn call_text(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&impl Serialize>,
    ) -> Result<String> {
        let Self::Remote { info, client } = self else {
            unreachable!("remote calls only on a remote admin")
        };
        let mut req = client
            .request(method, format!("{}{}", info.admin_url, path))
            .bearer_auth(&info.admin_token);
        if let Some(b) = body {
            req = req.json(b);
        }
        let resp = req
            .send()
            .map_err(|e| ServerError::Other(format!("admin request failed: {e}")))?;
        let status = resp.status();
        let text = resp.text().map_err(|e| ServerError::Other(e.to_string()))?;
        if !status.is_success() {
            let msg = serde_json::from_str::<sync_protocol::api::ErrorBody>(&text)
                .map(|b| format!("{}: {}", b.code, b.message))
                .unwrap_or(text);
            return Err(ServerError::Other(format!(
                "server refused ({status}): {msg}"
            )));
        }
        Ok(text)
    }

    /// [`Self::call_text`], the answer read as JSON.
    fn call<T: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&impl Serialize>,
    ) -> Result<T> {
        let text = self.call_text(method, path, body)?;
        serde_json::from_str(&text)
            .map_err(|e| ServerError::Other(format!("bad answer from the server: {e}")))
    }

    pub fn issue_code(
        &self,
        agent: &str,
        regions: Vec<Uuid>,
        ttl_hours: u64,
    ) -> Result<IssuedCode> {
        match self {
            Self::Local(core) => {
                Ok(core.issue_code(&Officer::local_admin(), agent, regions, ttl_hours)?)
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                "/admin/enrol-codes",
                Some(&CodeRequest {
                    agent: agent.to_string(),
                    regions,
                    ttl_hours,
                }),
            ),
        }
    }

    pub fn revoke(&self, device: Uuid, reason: &str) -> Result<DeviceView> {
        match self {
            Self::Local(core) => Ok(core.revoke(&Officer::local_admin(), device, reason)?),
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/devices/{device}/revoke"),
                Some(&RevokeRequest {
                    reason: reason.to_string(),
                }),
            ),
        }
    }

    pub fn devices(&self) -> Result<Json> {
        match self {
            Self::Local(core) => {
                Ok(serde_json::to_value(core.devices(&Officer::local_admin())?)
                    .expect("serializable"))
            }
            Self::Remote { .. } => self.call(reqwest::Method::GET, "/admin/devices", None::<&()>),
        }
    }

    pub fn conflicts(&self, after: Option<&str>, limit: usize) -> Result<Json> {
        match self {
            Self::Local(core) => {
                Ok(
                    serde_json::to_value(core.conflicts(&Officer::local_admin(), after, limit)?)
                        .expect("serializable"),
                )
            }
            Self::Remote { .. } => {
                let mut path = format!("/admin/conflicts?limit={limit}");
                if let Some(a) = after {
                    path.push_str(&format!("&after={a}"));
                }
                self.call(reqwest::Method::GET, &path, None::<&()>)
            }
        }
    }

    pub fn add_user(
        &self,
        name: &str,
        role: Role,
        regions: Vec<Uuid>,
        password: &str,
    ) -> Result<UserView> {
        match self {
            Self::Local(core) => {
                Ok(core.add_user(&Officer::local_admin(), name, role, regions, password)?)
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                "/admin/users",
                Some(&UserRequest {
                    name: name.to_string(),
                    role,
                    regions,
                    password: password.to_string(),
                }),
            ),
        }
    }

    /// An act on an account: `disable`, `enable`, `revoke-sessions`, or `password` (with
    /// the new password).
    pub fn account_act(&self, name: &str, act: &str, password: Option<String>) -> Result<UserView> {
        match self {
            Self::Local(core) => {
                let act = crate::core::AccountAct::parse(act, password)?;
                Ok(core.act_on_account(&Officer::local_admin(), name, act)?)
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/users/{name}/{act}"),
                password
                    .map(|password| crate::http::PasswordRequest { password })
                    .as_ref(),
            ),
        }
    }

    /// Everything held about one miner.
    pub fn person_file(&self, miner: Uuid) -> Result<Json> {
        match self {
            Self::Local(core) => Ok(serde_json::to_value(
                core.person_file(&Officer::local_admin(), miner)?,
            )
            .expect("serializable")),
            Self::Remote { .. } => self.call(
                reqwest::Method::GET,
                &format!("/admin/people/{miner}"),
                None::<&()>,
            ),
        }
    }

    /// Erases a person's values, or one field's earlier values.
    pub fn erase_personal(&self, miner: Uuid, request: crate::http::EraseRequest) -> Result<Json> {
        match self {
            Self::Local(core) => {
                let field = request
                    .field
                    .as_deref()
                    .map(crate::http::parse_personal_field)
                    .transpose()?;
                Ok(serde_json::to_value(core.erase_personal(
                    &Officer::local_admin(),
                    miner,
                    field,
                    &request.reason,
                )?)
                .expect("serializable"))
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/people/{miner}/erase"),
                Some(&request),
            ),
        }
    }

    pub fn import_regions(&self, import: RegionImport) -> Result<ImportReport> {
        match self {
            Self::Local(core) => {
                let items = import
                    .regions
                    .into_iter()
                    .map(|i| (i.name, i.boundary))
                    .collect();
                Ok(core.import_regions(
                    &Officer::local_admin(),
                    import.level,
                    import.parent,
                    items,
                )?)
            }
            Self::Remote { .. } => {
                self.call(reqwest::Method::POST, "/admin/regions", Some(&import))
            }
        }
    }

    pub fn regions(&self) -> Result<Json> {
        match self {
            Self::Local(core) => {
                Ok(serde_json::to_value(core.regions(&Officer::local_admin())?)
                    .expect("serializable"))
            }
            Self::Remote { .. } => self.call(reqwest::Method::GET, "/admin/regions", None::<&()>),
        }
    }

    /// Flags, as the local administrator sees them; `query` is `kind=...&state=...`.
    pub fn flags(&self, filter: FlagFilter, query: &str, limit: usize) -> Result<Json> {
        match self {
            Self::Local(core) => Ok(serde_json::to_value(core.flags(
                &Officer::local_admin(),
                filter,
                None,
                limit,
            )?)
            .expect("serializable")),
            Self::Remote { .. } => self.call(
                reqwest::Method::GET,
                &format!("/admin/flags?limit={limit}&{query}"),
                None::<&()>,
            ),
        }
    }

    pub fn resolve_flag(&self, id: &str, note: &str) -> Result<Json> {
        match self {
            Self::Local(core) => {
                Ok(
                    serde_json::to_value(core.resolve_flag(&Officer::local_admin(), id, note)?)
                        .expect("serializable"),
                )
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/flags/{id}/resolve"),
                Some(&crate::http::ResolveRequest {
                    note: note.to_string(),
                }),
            ),
        }
    }

    pub fn rebuild_rollups(&self) -> Result<Json> {
        match self {
            Self::Local(core) => Ok(serde_json::to_value(
                core.rebuild_rollups(&Officer::local_admin())?,
            )
            .expect("serializable")),
            Self::Remote { .. } => {
                self.call(reqwest::Method::POST, "/admin/rollups/rebuild", None::<&()>)
            }
        }
    }

    /// A report (`regional`, `kp`) as the local administrator sees it: JSON or CSV text.
    pub fn report(
        &self,
        kind: &str,
        region: Option<Uuid>,
        period: Option<&str>,
        from: &str,
        to: &str,
        csv: bool,
    ) -> Result<String> {
        match self {
            Self::Local(core) => {
                let month = |s: &str| crate::http::parse_month(s).map_err(ServerError::Api);
                let (from, to) = (month(from)?, month(to)?);
                let kind = crate::core::ReportKind::parse(kind, period)?;
                let report = core.report(&Officer::local_admin(), kind, region, from, to)?;
                if csv {
                    Ok(crate::http::render::csv(&report)?)
                } else {
                    let json = crate::http::render::json(kind, &report, from, to);
                    Ok(serde_json::to_string_pretty(&json).expect("serializable"))
                }
            }
            Self::Remote { .. } => {
                let mut path = format!(
                    "/admin/reports/{kind}?from={from}&to={to}&format={}",
                    if csv { "csv" } else { "json" }
                );
                if let Some(r) = region {
                    path.push_str(&format!("&region={r}"));
                }
                if let Some(p) = period {
                    path.push_str(&format!("&period={p}"));
                }
                if csv {
                    self.call_text(reqwest::Method::GET, &path, None::<&()>)
                } else {
                    let v: Json = self.call(reqwest::Method::GET, &path, None::<&()>)?;
                    Ok(serde_json::to_string_pretty(&v).expect("serializable"))
                }
            }
        }
    }

    pub fn set_reference_footprint(
        &self,
        region: Uuid,
        body: crate::http::ReferenceBody,
    ) -> Result<Json> {
        match self {
            Self::Local(core) => {
                let request = body.into_request()?;
                Ok(serde_json::to_value(core.set_reference_footprint(
                    &Officer::local_admin(),
                    region,
                    request,
                )?)
                .expect("serializable"))
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/reports/footprint/references/{region}"),
                Some(&body),
            ),
        }
    }

    pub fn declare_opening_stock(
        &self,
        exporter: Uuid,
        body: crate::http::OpeningStockRequest,
    ) -> Result<Json> {
        match self {
            Self::Local(core) => {
                let as_of = sync_protocol::values::parse_day(&body.as_of)
                    .map_err(|e| ServerError::Api(e.into()))?;
                let carats = sync_protocol::values::Carats::parse(&body.carats)
                    .map_err(|e| ServerError::Api(e.into()))?;
                Ok(serde_json::to_value(core.declare_opening_stock(
                    &Officer::local_admin(),
                    exporter,
                    as_of,
                    carats,
                )?)
                .expect("serializable"))
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/exporters/{exporter}/opening-stock"),
                Some(&body),
            ),
        }
    }

    pub fn assay_gold(&self, sale: Uuid, body: crate::http::AssayRequest) -> Result<Json> {
        match self {
            Self::Local(core) => {
                let fineness =
                    crate::reports::gold::Fineness::parse(&body.fineness).map_err(|m| {
                        ServerError::Api(crate::error::ApiError::new(
                            sync_protocol::api::ErrorCode::InvalidValue,
                            m,
                        ))
                    })?;
                Ok(serde_json::to_value(core.assay_gold(
                    &Officer::local_admin(),
                    sale,
                    fineness,
                    &body.assayer,
                )?)
                .expect("serializable"))
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/sales/{sale}/assay"),
                Some(&body),
            ),
        }
    }

    pub fn value_export(&self, export: Uuid, body: crate::http::ValuationRequest) -> Result<Json> {
        match self {
            Self::Local(core) => {
                let (valuation, duty) = body.parse().map_err(|e| ServerError::Api(e.into()))?;
                Ok(serde_json::to_value(core.value_export(
                    &Officer::local_admin(),
                    export,
                    valuation,
                    duty,
                )?)
                .expect("serializable"))
            }
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/exports/{export}/valuation"),
                Some(&body),
            ),
        }
    }

    pub fn set_digger_estimate(
        &self,
        region: Uuid,
        body: crate::http::DiggerEstimateRequest,
    ) -> Result<Json> {
        match self {
            Self::Local(core) => Ok(serde_json::to_value(core.set_digger_estimate(
                &Officer::local_admin(),
                region,
                body.diggers,
                body.source,
            )?)
            .expect("serializable")),
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/regions/{region}/digger-estimate"),
                Some(&body),
            ),
        }
    }

    pub fn set_thresholds(&self, country: Uuid, body: Json) -> Result<Json> {
        match self {
            Self::Local(core) => Ok(serde_json::to_value(core.set_thresholds(
                &Officer::local_admin(),
                country,
                &body,
            )?)
            .expect("serializable")),
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/countries/{country}/thresholds"),
                Some(&body),
            ),
        }
    }

    pub fn cite_purchases(&self, export: Uuid, body: crate::http::CitationRequest) -> Result<Json> {
        match self {
            Self::Local(core) => Ok(serde_json::to_value(core.cite_purchases(
                &Officer::local_admin(),
                export,
                body.purchases,
            )?)
            .expect("serializable")),
            Self::Remote { .. } => self.call(
                reqwest::Method::POST,
                &format!("/admin/exports/{export}/purchases"),
                Some(&body),
            ),
        }
    }

    pub fn record_import(&self, body: crate::http::ImportRequest) -> Result<Json> {
        match self {
            Self::Local(core) => Ok(serde_json::to_value(core.record_import(
                &Officer::local_admin(),
                body.country,
                body.import,
            )?)
            .expect("serializable")),
            Self::Remote { .. } => self.call(reqwest::Method::POST, "/admin/imports", Some(&body)),
        }
    }

    pub fn users(&self) -> Result<Json> {
        match self {
            Self::Local(core) => {
                Ok(serde_json::to_value(core.users(&Officer::local_admin())?)
                    .expect("serializable"))
            }
            Self::Remote { .. } => self.call(reqwest::Method::GET, "/admin/users", None::<&()>),
        }
    }

    pub fn quarantine(&self) -> Result<Json> {
        match self {
            Self::Local(core) => Ok(serde_json::to_value(
                core.quarantined(&Officer::local_admin())?,
            )
            .expect("serializable")),
            Self::Remote { .. } => {
                self.call(reqwest::Method::GET, "/admin/quarantine", None::<&()>)
            }
        }
    }

    pub fn stats(&self) -> Result<Json> {
        match self {
            Self::Local(core) => {
                Ok(serde_json::to_value(core.stats(&Officer::local_admin())?)
                    .expect("serializable"))
            }
            Self::Remote { .. } => self.call(reqwest::Method::GET, "/admin/stats", None::<&()>),
        }
    }
}

impl Drop for Admin {
    fn drop(&mut self) {
        if let Self::Local(core) = self {
            core.shutdown();
        }
    }
}
