//! Web origins (scheme, host, port), parsed strictly.
//!
//! Used to decide who may talk to the core and where a key may go. A lookalike
//! such as `cloud.innoslate.com.example.net` or `http://cloud.innoslate.com`
//! must never compare equal to `https://cloud.innoslate.com`, so parsing is
//! deliberately narrow: anything unusual is rejected rather than guessed at.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    /// Explicit non-default port, if any.
    port: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginError {
    NotAUrl,
    UnsupportedScheme,
    HasCredentials,
    BadHost,
    BadPort,
    InsecureHttp,
}

impl OriginError {
    /// A sentence for the admin that says what to do.
    pub fn message(self) -> &'static str {
        match self {
            OriginError::NotAUrl => "Enter a web address such as https://innoslate.example.com.",
            OriginError::UnsupportedScheme => "The address must start with https://.",
            OriginError::HasCredentials => "Remove the user name or password from the address.",
            OriginError::BadHost => "The host name is not valid. Check it for typing mistakes.",
            OriginError::BadPort => "The port number is not valid.",
            OriginError::InsecureHttp => {
                "Plain http:// would expose the key on the network. Use https:// (http is only accepted for localhost)."
            }
        }
    }
}

impl Origin {
    /// Parses the origin of an absolute URL. Path, query and fragment are ignored.
    pub fn parse(url: &str) -> Result<Origin, OriginError> {
        let (scheme, rest) = url.split_once("://").ok_or(OriginError::NotAUrl)?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => Some(443),
            "http" => Some(80),
            "chrome-extension" | "moz-extension" => None,
            _ => return Err(OriginError::UnsupportedScheme),
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let authority = &rest[..authority_end];
        if authority.contains('@') {
            return Err(OriginError::HasCredentials);
        }
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
                let port: u16 = p.parse().map_err(|_| OriginError::BadPort)?;
                (h, Some(port))
            }
            _ => (authority, None),
        };
        let host = host.to_ascii_lowercase();
        if !is_valid_host(&host) {
            return Err(OriginError::BadHost);
        }
        let port = match (port, default_port) {
            (Some(p), Some(d)) if p == d => None,
            (p, _) => p,
        };
        Ok(Origin { scheme, host, port })
    }

    /// Parses an address an admin typed for their Innoslate: https anywhere,
    /// http only for localhost (a developer's own machine).
    pub fn parse_destination(input: &str) -> Result<Origin, OriginError> {
        let trimmed = input.trim().trim_end_matches('/');
        let with_scheme = if trimmed.contains("://") { trimmed.to_string() } else { format!("https://{trimmed}") };
        let origin = Origin::parse(&with_scheme)?;
        match origin.scheme.as_str() {
            "https" => Ok(origin),
            "http" if origin.is_localhost() => Ok(origin),
            "http" => Err(OriginError::InsecureHttp),
            _ => Err(OriginError::UnsupportedScheme),
        }
    }

    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    pub fn is_localhost(&self) -> bool {
        self.host == "localhost" || self.host == "127.0.0.1" || self.host == "[::1]"
    }

    /// The match pattern a browser needs to grant access to this origin.
    pub fn match_pattern(&self) -> String {
        // Match patterns cannot carry a port; the origin check in the core
        // still compares the port exactly.
        format!("{}://{}/*", self.scheme, self.host)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        if let Some(port) = self.port {
            write!(f, ":{port}")?;
        }
        Ok(())
    }
}

fn is_valid_host(host: &str) -> bool {
    if host.is_empty() || host.len() > 253 {
        return false;
    }
    if host.starts_with('[') {
        return host.ends_with(']')
            && host.len() > 2
            && host[1..host.len() - 1].chars().all(|c| c.is_ascii_hexdigit() || c == ':');
    }
    host.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_default_port() {
        let a = Origin::parse("HTTPS://Cloud.Innoslate.com:443/acme/admin").unwrap();
        assert_eq!(a.to_string(), "https://cloud.innoslate.com");
        assert_eq!(a, Origin::parse("https://cloud.innoslate.com").unwrap());
        assert_eq!(Origin::parse("https://h.example:8443/x").unwrap().to_string(), "https://h.example:8443");
    }

    #[test]
    fn lookalikes_are_different_origins() {
        let real = Origin::parse("https://cloud.innoslate.com/").unwrap();
        for other in [
            "https://cloud.innoslate.com.example.net/",
            "https://cloud-innoslate.com/",
            "http://cloud.innoslate.com/",
            "https://cloud.innoslate.com:8443/",
            "https://evil.cloud.innoslate.com/",
        ] {
            assert_ne!(Origin::parse(other).unwrap(), real, "{other}");
        }
    }

    #[test]
    fn rejects_odd_urls() {
        assert_eq!(Origin::parse("https://user:pw@cloud.innoslate.com/"), Err(OriginError::HasCredentials));
        assert_eq!(Origin::parse("javascript:alert(1)"), Err(OriginError::NotAUrl));
        assert_eq!(Origin::parse("data://x"), Err(OriginError::UnsupportedScheme));
        assert_eq!(Origin::parse("https://bad_host/"), Err(OriginError::BadHost));
        assert_eq!(Origin::parse("https://a..b/"), Err(OriginError::BadHost));
        assert_eq!(Origin::parse("https://h:99999/"), Err(OriginError::BadPort));
        assert_eq!(Origin::parse("https:///x"), Err(OriginError::BadHost));
    }

    #[test]
    fn destinations_need_https_except_localhost() {
        assert_eq!(
            Origin::parse_destination(" innoslate.example.com/ ").unwrap().to_string(),
            "https://innoslate.example.com"
        );
        assert_eq!(Origin::parse_destination("http://innoslate.example.com"), Err(OriginError::InsecureHttp));
        assert_eq!(Origin::parse_destination("http://localhost:8080").unwrap().to_string(), "http://localhost:8080");
        assert_eq!(Origin::parse_destination("chrome-extension://abc"), Err(OriginError::UnsupportedScheme));
        assert_eq!(
            Origin::parse_destination("https://cloud.innoslate.com").unwrap().match_pattern(),
            "https://cloud.innoslate.com/*"
        );
    }
}
