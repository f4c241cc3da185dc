//! Devices: enrolment codes, enrolment, revocation, the list of devices.

use super::*;

impl Core {
    /// Issues a one-time enrolment code for an agent serving `regions`.
    pub fn issue_code(
        &self,
        officer: &Officer,
        agent: &str,
        regions: Vec<Uuid>,
        ttl_hours: u64,
    ) -> Result<IssuedCode, ApiError> {
        officer.require(ADMIN)?;
        let agent = sync_protocol::values::Text::parse(agent)?.to_string();
        if regions.is_empty() {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "an agent must serve at least one region",
            ));
        }
        if !(1..=24 * 90).contains(&ttl_hours) {
            return Err(ApiError::new(
                ErrorCode::InvalidValue,
                "the code's lifetime must be 1 to 2160 hours",
            ));
        }
        let code = new_code()?;
        let expires = Hlc::new(wall_ms() + ttl_hours * 3_600_000, 0);
        let _g = lock(&self.admin_lock);
        self.admin_event(AdminEvent::CodeIssued {
            code: code_digest(&code),
            agent: agent.clone(),
            regions: regions.clone(),
            expires,
        })?;
        tracing::info!(%agent, regions = regions.len(), "enrolment code issued");
        Ok(IssuedCode {
            code,
            agent,
            regions,
            expires: expires.to_string(),
        })
    }

    /// Enrols a device with a one-time code.
    pub fn enrol(&self, req: &EnrolRequest) -> Result<Enrolment, ApiError> {
        let digest = code_digest(&req.code);
        let label = sync_protocol::values::Text::parse(req.label.as_str())?.to_string();
        let _g = lock(&self.admin_lock);
        let bad = |m: &str| ApiError::new(ErrorCode::BadCode, m);
        let code = self
            .store
            .code(&digest)?
            .ok_or_else(|| bad("unknown enrolment code"))?;
        if code.used_by.is_some() {
            return Err(bad("this enrolment code was already used"));
        }
        if code.expires < self.now() {
            return Err(bad("this enrolment code has expired"));
        }
        let device = Uuid::now_v7();
        let at = self.admin_event(AdminEvent::Enrolled {
            code: digest,
            device,
            public_key: req.public_key,
            label,
        })?;
        tracing::info!(%device, agent = %code.agent, "device enrolled");
        Ok(Enrolment {
            device,
            agent: code.agent,
            regions: code.regions,
            server_time: at,
        })
    }

    pub fn revoke(
        &self,
        officer: &Officer,
        device: Uuid,
        reason: &str,
    ) -> Result<DeviceView, ApiError> {
        officer.require(ADMIN)?;
        let reason = sync_protocol::values::Reason::parse(reason)?.to_string();
        let _g = lock(&self.admin_lock);
        if self.store.device(device)?.is_none() {
            return Err(ApiError::new(
                ErrorCode::NotFound,
                format!("no device {device}"),
            ));
        }
        self.admin_event(AdminEvent::Revoked { device, reason })?;
        tracing::warn!(%device, "device revoked");
        self.devices(officer)?
            .into_iter()
            .find(|d| d.device.id == device)
            .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no device {device}")))
    }

    /// Every enrolled device, with its chain head and revocation.
    pub fn devices(&self, officer: &Officer) -> Result<Vec<DeviceView>, ApiError> {
        officer.require(ADMIN)?;
        Ok(self.store.devices()?)
    }
}

/// A code as shown to the administrator, once.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct IssuedCode {
    pub code: String,
    pub agent: String,
    pub regions: Vec<Uuid>,
    pub expires: String,
}

/// Enrolment codes: 16 characters of Crockford base32 (80 random bits), shown in groups of 4.
pub(super) fn new_code() -> Result<String, ApiError> {
    pub(super) const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0u8; 10];
    ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut bytes)
        .map_err(|_| ApiError::new(ErrorCode::Internal, "no randomness"))?;
    let mut bits: u128 = 0;
    for b in bytes {
        bits = (bits << 8) | u128::from(b);
    }
    let chars: Vec<u8> = (0..16)
        .map(|i| ALPHABET[((bits >> (75 - 5 * i)) & 31) as usize])
        .collect();
    let s = String::from_utf8(chars).expect("ASCII");
    Ok(format!(
        "{}-{}-{}-{}",
        &s[0..4],
        &s[4..8],
        &s[8..12],
        &s[12..16]
    ))
}

/// Codes are compared by digest, ignoring case, dashes and spaces.
pub fn code_digest(code: &str) -> Digest {
    let norm: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    Digest::of(norm.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sixteen_crockford_characters() {
        let c = new_code().unwrap();
        assert_eq!(c.len(), 19);
        assert!(c
            .chars()
            .all(|ch| ch == '-' || "0123456789ABCDEFGHJKMNPQRSTVWXYZ".contains(ch)));
        assert_eq!(
            code_digest(&c),
            code_digest(&c.to_lowercase().replace('-', " "))
        );
        assert_ne!(new_code().unwrap(), c);
    }
}
