//! Officers and what they may do: roles, regions, passwords and bearer tokens.
//!
//! - Passwords are hashed with argon2id (the crate's default parameters: 19 MiB, 2 passes),
//!   and only the PHC string is kept, in the batch log and in sled.
//! - A login returns a random 256-bit token; the server keeps only its SHA-256, with the
//!   officer, role, regions and expiry. Tokens are not in the batch log: losing them (a lost
//!   sled directory) only means logging in again.
//! - The server's own admin token (in `server.json`, readable by whoever can read the data
//!   directory) acts as the built-in administrator.
//!
//! Every `/v1` endpoint other than the device sync endpoints asks [`Officer::require`] for a
//! role and [`Officer::can_read`] for a region; the refusals are 401 (no or bad token) and
//! 403 (out of role or scope).

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};
use sync_protocol::api::ErrorCode;
use sync_protocol::batch::Digest;
use sync_protocol::clock::Hlc;
use uuid::Uuid;

use crate::error::ApiError;

/// The shortest password accepted.
pub const MIN_PASSWORD: usize = 10;
/// How long a login lasts unless configured otherwise (`PLACER_SESSION_SECONDS`).
pub const DEFAULT_SESSION_SECONDS: u64 = 12 * 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages devices, users and everything else; reads every region.
    Admin,
    /// Reads and reviews every region.
    NationalOfficer,
    /// Reads and reviews the regions assigned to them.
    RegionalOfficer,
    /// Reads exports and what they are checked against, in every region.
    ExportMonitor,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Admin,
        Role::NationalOfficer,
        Role::RegionalOfficer,
        Role::ExportMonitor,
    ];

    /// The role of this name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::NationalOfficer => "national_officer",
            Role::RegionalOfficer => "regional_officer",
            Role::ExportMonitor => "export_monitor",
        }
    }
}

/// A registered officer, as stored. The password hash never leaves the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct User {
    pub name: String,
    pub role: Role,
    /// The regions of a regional officer; empty for the other roles.
    pub regions: Vec<Uuid>,
    pub password_hash: String,
    pub created_at: Hlc,
    /// When the account was disabled: it cannot log in, and its sessions are refused.
    pub disabled_at: Option<Hlc>,
    /// Sessions issued before this are refused (a password change, a revocation, a
    /// disablement end every login made before it).
    pub sessions_from: Hlc,
    /// The language the officer chose to read the dashboard in (an ISO 639-1 code), if any.
    pub lang: Option<String>,
}

impl From<User> for crate::events::Account {
    fn from(u: User) -> Self {
        Self {
            name: u.name,
            role: u.role.name().into(),
            regions: u.regions,
            password_hash: u.password_hash,
            created_at: u.created_at,
        }
    }
}

impl TryFrom<crate::events::Account> for User {
    type Error = String;

    fn try_from(a: crate::events::Account) -> Result<Self, String> {
        let role = Role::from_name(&a.role)
            .ok_or_else(|| format!("an officer with role {:?}, unknown to this build", a.role))?;
        Ok(Self {
            name: a.name,
            role,
            regions: a.regions,
            password_hash: a.password_hash,
            created_at: a.created_at,
            disabled_at: None,
            sessions_from: Hlc::ZERO,
            lang: None,
        })
    }
}

/// What a person may see of a user.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserView {
    pub name: String,
    pub role: Role,
    pub regions: Vec<Uuid>,
    pub created_at: Hlc,
    pub disabled_at: Option<Hlc>,
    /// Logins made before this were ended (by a password change or a revocation).
    pub sessions_from: Hlc,
}

impl From<&User> for UserView {
    fn from(u: &User) -> Self {
        Self {
            name: u.name.clone(),
            role: u.role,
            regions: u.regions.clone(),
            created_at: u.created_at,
            disabled_at: u.disabled_at,
            sessions_from: u.sessions_from,
        }
    }
}

/// A logged-in officer's token, stored by digest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub user: String,
    pub role: Role,
    pub regions: Vec<Uuid>,
    pub expires: Hlc,
    /// When the session was opened: refused when its user's sessions were ended after.
    pub issued: Hlc,
}

/// The answer to a login.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Login {
    pub token: String,
    pub user: String,
    pub role: Role,
    pub regions: Vec<Uuid>,
    pub expires: Hlc,
}

/// Who is asking, once their token checked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Officer {
    pub name: String,
    pub role: Role,
    pub regions: Vec<Uuid>,
}

impl Officer {
    /// The holder of the server's own admin token.
    pub fn local_admin() -> Self {
        Self {
            name: "local administrator".into(),
            role: Role::Admin,
            regions: Vec::new(),
        }
    }

    /// Refuses (403) unless the officer has one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), ApiError> {
        if roles.contains(&self.role) {
            Ok(())
        } else {
            let wanted: Vec<&str> = roles.iter().map(|r| r.name()).collect();
            Err(ApiError::new(
                ErrorCode::Forbidden,
                format!(
                    "{} is a {}; this needs: {}",
                    self.name,
                    self.role.name(),
                    wanted.join(" or ")
                ),
            ))
        }
    }

    /// Whether the officer may read a record filed in `region`.
    pub fn can_read(&self, region: Uuid) -> bool {
        match self.role {
            Role::RegionalOfficer => self.regions.contains(&region),
            Role::Admin | Role::NationalOfficer | Role::ExportMonitor => true,
        }
    }

    /// Refuses (403) a region outside the officer's scope.
    pub fn require_region(&self, region: Uuid) -> Result<(), ApiError> {
        if self.can_read(region) {
            Ok(())
        } else {
            Err(ApiError::new(
                ErrorCode::Forbidden,
                format!("{} does not serve region {region}", self.name),
            ))
        }
    }
}

/// Checks a new user's name, role and regions, and hashes the password.
pub fn new_user(
    name: &str,
    role: Role,
    regions: Vec<Uuid>,
    password: &str,
    now: Hlc,
) -> Result<User, ApiError> {
    let name = name.trim();
    let name_ok = (3..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if !name_ok {
        return Err(ApiError::new(
            ErrorCode::InvalidValue,
            "a user name is 3 to 64 characters: letters, digits, '.', '_', '-', '@'",
        ));
    }
    match (role, regions.is_empty()) {
        (Role::RegionalOfficer, true) => {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "a regional officer needs at least one region",
            ))
        }
        (Role::Admin | Role::NationalOfficer | Role::ExportMonitor, false) => {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                format!(
                    "a {} reads every region; give regions only to regional officers",
                    role.name()
                ),
            ))
        }
        _ => {}
    }
    Ok(User {
        name: name.to_string(),
        role,
        regions,
        password_hash: hash_password(password)?,
        created_at: now,
        disabled_at: None,
        sessions_from: Hlc::ZERO,
        lang: None,
    })
}

/// The argon2id hash of a new password, refused when too short.
pub fn hash_password(password: &str) -> Result<String, ApiError> {
    if password.chars().count() < MIN_PASSWORD {
        return Err(ApiError::new(
            ErrorCode::InvalidValue,
            format!("a password has at least {MIN_PASSWORD} characters"),
        ));
    }
    let mut salt = [0u8; 16];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut salt)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "no randomness for the salt"))?;
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| ApiError::new(ErrorCode::Internal, e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ApiError::new(ErrorCode::Internal, format!("hashing the password: {e}")))
}

/// A user name as a log line may carry it: control characters escaped (no forged lines),
/// at most 64 characters.
pub fn loggable(name: &str) -> String {
    name.chars().take(64).flat_map(char::escape_debug).collect()
}

/// What a log line says of a name a failed login gave: the name of an account that
/// exists (escaped), else only a short digest, since people type their password in the
/// name field and a log must never hold one.
pub fn failed_login_name(name: &str, exists: bool) -> String {
    if exists {
        loggable(name)
    } else {
        format!(
            "unknown:{}",
            &hex::encode(Digest::of(name.as_bytes()).0)[..12]
        )
    }
}

/// Whether `password` matches the stored PHC string.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A fresh bearer token and the digest under which it is stored.
pub fn new_token() -> Result<(String, Digest), ApiError> {
    let mut b = [0u8; 32];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut b)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "no randomness for the token"))?;
    let token = hex::encode(b);
    let digest = token_digest(&token);
    Ok((token, digest))
}

pub fn token_digest(token: &str) -> Digest {
    Digest::of(token.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn officer(role: Role, regions: &[u128]) -> Officer {
        Officer {
            name: "o".into(),
            role,
            regions: regions.iter().map(|r| Uuid::from_u128(*r)).collect(),
        }
    }

    #[test]
    fn roles_and_scopes() {
        let regional = officer(Role::RegionalOfficer, &[1]);
        assert!(regional.can_read(Uuid::from_u128(1)));
        assert!(!regional.can_read(Uuid::from_u128(2)));
        assert!(regional.require(&[Role::Admin]).is_err());
        assert!(regional
            .require(&[Role::Admin, Role::RegionalOfficer])
            .is_ok());
        for role in [Role::Admin, Role::NationalOfficer, Role::ExportMonitor] {
            assert!(officer(role, &[]).can_read(Uuid::from_u128(99)));
        }
        assert_eq!(
            regional
                .require_region(Uuid::from_u128(2))
                .unwrap_err()
                .code,
            ErrorCode::Forbidden
        );
    }

    #[test]
    fn new_users_are_checked() {
        let now = Hlc::new(1, 0);
        let check = |name: &str, role, regions: Vec<Uuid>, pw: &str, ok: bool| {
            assert_eq!(
                new_user(name, role, regions, pw, now).is_ok(),
                ok,
                "{name} {role:?} {pw}"
            );
        };
        let r = vec![Uuid::from_u128(1)];
        check(
            "ama.owusu",
            Role::RegionalOfficer,
            r.clone(),
            "long enough pw",
            true,
        );
        check(
            "ama.owusu",
            Role::RegionalOfficer,
            vec![],
            "long enough pw",
            false,
        );
        check(
            "ama.owusu",
            Role::NationalOfficer,
            r.clone(),
            "long enough pw",
            false,
        );
        check("ama owusu", Role::Admin, vec![], "long enough pw", false);
        check("am", Role::Admin, vec![], "long enough pw", false);
        check("ama", Role::Admin, vec![], "short", false);
    }

    #[test]
    fn passwords_verify_only_themselves() {
        let u = new_user(
            "kwame",
            Role::Admin,
            vec![],
            "correct horse battery",
            Hlc::new(1, 0),
        )
        .unwrap();
        assert!(u.password_hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &u.password_hash));
        assert!(!verify_password("correct horse batterY", &u.password_hash));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_stored_by_digest() {
        let (a, da) = new_token().unwrap();
        let (b, _) = new_token().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_digest(&a), da);
    }
}
