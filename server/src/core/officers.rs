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

    /// Checks a name and password and opens a session.
    pub fn login(&self, name: &str, password: &str) -> Result<Login, ApiError> {
        let user = self.store.user(name.trim())?;
        // Verify against something even for an unknown name, so the answer takes as long.
        let phc = user
            .as_ref()
            .map(|u| u.password_hash.as_str())
            .unwrap_or(UNKNOWN_USER_HASH);
        let ok = auth::verify_password(password, phc);
        let Some(user) = user.filter(|_| ok) else {
            tracing::warn!(user = %name, "failed login");
            return Err(ApiError::new(
                ErrorCode::Unauthorized,
                "wrong user name or password",
            ));
        };
        let (token, digest) = auth::new_token()?;
        let expires = Hlc::new(wall_ms() + self.session_seconds * 1000, 0);
        self.store.put_session(
            digest,
            &Session {
                user: user.name.clone(),
                role: user.role,
                regions: user.regions.clone(),
                expires,
            },
        )?;
        tracing::info!(user = %user.name, "login");
        Ok(Login {
            token,
            user: user.name,
            role: user.role,
            regions: user.regions,
            expires,
        })
    }

    /// Ends a login: its session is kept as expired (sessions are never deleted, expired
    /// ones included), so the token is refused from now on. An unknown token is no error.
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
        Ok(Officer {
            name: session.user,
            role: session.role,
            // An officer of a region reads its districts too.
            regions: self.region_index().with_descendants(&session.regions),
        })
    }
}

/// An argon2id hash of a random password nobody knows, checked when a login names an
/// unknown user so that the answer takes the same time either way.
pub(super) const UNKNOWN_USER_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5sbyXb8jJgD1d8mWmRo3b4cT2Db/3QbJ1CIP7WqCsn4";
