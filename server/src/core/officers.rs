//! Officers: accounts, logins, sessions, and the officer behind a token.

use super::*;

impl Core {
    /// Creates an officer account.
    pub fn add_user(
        &self,
        officer: &Officer,
        name: &str,
        role: Role,
        regions: Vec<Uuid>,
        password: &str,
    ) -> Result<UserView, ApiError> {
        officer.require(ADMIN)?;
        // Hashing is deliberately slow: do it before taking the lock.
        let user = auth::new_user(name, role, regions, password, self.now())?;
        let _g = lock(&self.admin_lock);
        if self.store.user(&user.name)?.is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyExists,
                format!("a user named {} exists already", user.name),
            ));
        }
        let view = UserView::from(&user);
        self.admin_event(AdminEvent::UserAdded { user: user.into() })?;
        tracing::info!(user = %view.name, role = view.role.name(), "user added");
        Ok(view)
    }

    /// Every officer account, without password hashes.
    pub fn users(&self, officer: &Officer) -> Result<Vec<UserView>, ApiError> {
        officer.require(ADMIN)?;
        Ok(self.store.users()?.iter().map(UserView::from).collect())
    }

    /// Checks a name and password and opens a session. `from` is the address asking:
    /// failures back off per account and per address ([`crate::throttle`]); while either
    /// is blocked the attempt is refused (429) before the password is looked at.
    pub fn login(
        &self,
        name: &str,
        password: &str,
        from: Option<std::net::IpAddr>,
    ) -> Result<Login, ApiError> {
        let account = name.trim().to_lowercase();
        // Loopback is this machine or a reverse proxy in front of it, which speaks for
        // everyone: counting it as one address would let one guesser lock every officer out.
        let address = from.filter(|a| !a.is_loopback()).map(|a| a.to_string());
        let wait = {
            let t = lock(&self.logins);
            let now = wall_ms();
            let by_address = address.as_ref().and_then(|a| t.1.blocked(a, now));
            t.0.blocked(&account, now).max(by_address)
        };
        if let Some(ms) = wait {
            let seconds = ms.div_ceil(1000);
            tracing::warn!(
                user = %auth::failed_login_name(name.trim(), false),
                from = ?from,
                seconds,
                "login refused: too many failures"
            );
            let mut e = ApiError::new(
                ErrorCode::TooManyRequests,
                format!("too many failed logins; try again in {seconds} s"),
            );
            e.retry_after_s = Some(seconds);
            return Err(e);
        }
        let user = self.store.user(name.trim())?;
        let exists = user.is_some();
        // Verify against something even for an unknown name, so the answer takes as long.
        let phc = user
            .as_ref()
            .map(|u| u.password_hash.as_str())
            .unwrap_or(UNKNOWN_USER_HASH);
        let ok = auth::verify_password(password, phc);
        // A disabled account gets the same answer as a wrong password: the answer must not
        // tell a stranger which accounts exist.
        let Some(user) = user.filter(|u| ok && u.disabled_at.is_none()) else {
            let (by_account, by_address) = {
                let mut t = lock(&self.logins);
                let now = wall_ms();
                (
                    t.0.failed(&account, now),
                    address.as_ref().and_then(|a| t.1.failed(a, now)),
                )
            };
            tracing::warn!(
                user = %auth::failed_login_name(name.trim(), exists),
                from = ?from,
                blocked_ms = ?by_account.max(by_address),
                "failed login"
            );
            return Err(ApiError::new(
                ErrorCode::Unauthorized,
                "wrong user name or password",
            ));
        };
        lock(&self.logins).0.succeeded(&account);
        let (token, digest) = auth::new_token()?;
        let expires = Hlc::new(wall_ms() + self.session_seconds * 1000, 0);
        self.store.put_session(
            digest,
            &Session {
                user: user.name.clone(),
                role: user.role,
                regions: user.regions.clone(),
                expires,
                issued: self.now(),
            },
        )?;
        tracing::info!(user = %user.name, "login");
        self.purge_sessions()?;
        Ok(Login {
            token,
            user: user.name,
            role: user.role,
            regions: user.regions,
            expires,
        })
    }

    /// The language an account chose to read the dashboard in, if it chose one.
    pub fn account_language(&self, name: &str) -> Result<Option<crate::i18n::Lang>, ApiError> {
        Ok(self
            .store
            .user(name)?
            .and_then(|u| u.lang)
            .and_then(|l| crate::i18n::Lang::from_tag(&l)))
    }

    /// Keeps `lang` as the language `officer` reads the dashboard in (logged, so that it
    /// survives a rebuild and follows them to another browser); nothing is logged when it
    /// is their language already.
    pub fn choose_language(
        &self,
        officer: &Officer,
        lang: crate::i18n::Lang,
    ) -> Result<(), ApiError> {
        let _g = lock(&self.admin_lock);
        if self.account_language(&officer.name)? == Some(lang) {
            return Ok(());
        }
        self.admin_event(AdminEvent::LanguageChosen {
            name: officer.name.clone(),
            lang: lang.code().into(),
        })?;
        tracing::info!(user = %officer.name, lang = lang.code(), "language chosen");
        Ok(())
    }

    /// Deletes, at most once an hour, the sessions that expired more than a day ago (those
    /// expired since are kept, so that their holder reads "expired", not "unknown").
    fn purge_sessions(&self) -> Result<(), ApiError> {
        use std::sync::atomic::Ordering;
        const HOUR: u64 = 3_600_000;
        let now = wall_ms();
        let last = self.sessions_purged_ms.load(Ordering::Relaxed);
        if now < last + HOUR
            || self
                .sessions_purged_ms
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            return Ok(());
        }
        let gone = self
            .store
            .purge_sessions(Hlc::new(now.saturating_sub(24 * HOUR), 0))?;
        if gone > 0 {
            tracing::info!(sessions = gone, "expired sessions purged");
        }
        Ok(())
    }

    /// Ends a login: its session is kept as expired (until purged a day later), so the
    /// token is refused from now on. An unknown token is no error.
    pub fn logout(&self, token: &str) -> Result<(), ApiError> {
        let digest = auth::token_digest(token);
        if let Some(mut session) = self.store.session(&digest)? {
            session.expires = Hlc::ZERO;
            self.store.put_session(digest, &session)?;
            tracing::info!(user = %session.user, "logout");
        }
        Ok(())
    }

    /// The officer behind a bearer token.
    pub fn officer(&self, token: &str) -> Result<Officer, ApiError> {
        let unauthorized = |m: &str| ApiError::new(ErrorCode::Unauthorized, m);
        let session = self
            .store
            .session(&auth::token_digest(token))?
            .ok_or_else(|| unauthorized("unknown token; log in at /v1/auth/login"))?;
        if session.expires < self.now() {
            return Err(unauthorized("this token has expired; log in again"));
        }
        // The account as it stands now, not as it stood at login: a disablement, a new
        // password or a revocation ends the session at once.
        let user = self
            .store
            .user(&session.user)?
            .filter(|u| u.disabled_at.is_none() && session.issued >= u.sessions_from)
            .ok_or_else(|| unauthorized("this session was ended; log in again"))?;
        Ok(Officer {
            name: user.name,
            role: user.role,
            // An officer of a region reads its districts too.
            regions: self.region_index().with_descendants(&user.regions),
        })
    }

    /// An administrator's act on an existing account, logged, and the account after it.
    /// A new password is checked as a new account's is, and hashed before the lock is
    /// taken (hashing is deliberately slow).
    pub fn act_on_account(
        &self,
        officer: &Officer,
        name: &str,
        act: AccountAct,
    ) -> Result<UserView, ApiError> {
        officer.require(ADMIN)?;
        let what = act.name();
        // The event, but for the account's name and the officer's.
        let event: Box<dyn FnOnce(String, String) -> AdminEvent> = match act {
            AccountAct::Disable => Box::new(|name, by| AdminEvent::UserDisabled { name, by }),
            AccountAct::Enable => Box::new(|name, by| AdminEvent::UserEnabled { name, by }),
            AccountAct::RevokeSessions => {
                Box::new(|name, by| AdminEvent::SessionsRevoked { name, by })
            }
            AccountAct::SetPassword(p) => {
                let password_hash = auth::hash_password(&p)?;
                Box::new(move |name, by| AdminEvent::PasswordSet {
                    name,
                    password_hash,
                    by,
                })
            }
        };
        let _g = lock(&self.admin_lock);
        let Some(user) = self.store.user(name)? else {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no user named {}", auth::loggable(name)),
            ));
        };
        self.admin_event(event(user.name.clone(), officer.name.clone()))?;
        tracing::info!(user = %user.name, by = %officer.name, act = what, "account act");
        let user = self
            .store
            .user(&user.name)?
            .ok_or_else(|| ApiError::new(ErrorCode::Internal, "the account was not kept"))?;
        Ok(UserView::from(&user))
    }
}

/// An administrator's act on an account, as the API, the dashboard and the command line
/// name it: `disable` (it cannot log in, its sessions end at once), `enable` (it may log
/// in again), `revoke-sessions` (every session ends), `password` (a new one; sessions end).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountAct {
    Disable,
    Enable,
    RevokeSessions,
    SetPassword(String),
}

impl AccountAct {
    /// The act of that name, with the new password for `password`; 404 for a name that is
    /// no act, 400 for `password` without one.
    pub fn parse(act: &str, password: Option<String>) -> Result<Self, ApiError> {
        Ok(match (act, password) {
            ("disable", _) => Self::Disable,
            ("enable", _) => Self::Enable,
            ("revoke-sessions", _) => Self::RevokeSessions,
            ("password", Some(p)) => Self::SetPassword(p),
            ("password", None) => {
                return Err(ApiError::new(
                    ErrorCode::InvalidValue,
                    "give the new password",
                ))
            }
            (other, _) => {
                return Err(ApiError::new(
                    ErrorCode::NotFound,
                    format!(
                        "no act {:?} on an account: disable, enable, revoke-sessions or password",
                        auth::loggable(other)
                    ),
                ))
            }
        })
    }

    /// Whether the act takes a new password (a body, a form field, standard input).
    pub fn takes_password(act: &str) -> bool {
        act == "password"
    }

    pub fn name(&self) -> &'static str {
        match self {
            Self::Disable => "disable",
            Self::Enable => "enable",
            Self::RevokeSessions => "revoke-sessions",
            Self::SetPassword(_) => "password",
        }
    }
}

/// An argon2id hash of a random password nobody knows, checked when a login names an
/// unknown user so that the answer takes the same time either way.
pub(super) const UNKNOWN_USER_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5sbyXb8jJgD1d8mWmRo3b4cT2Db/3QbJ1CIP7WqCsn4";
