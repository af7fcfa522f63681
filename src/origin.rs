//! Web origins (scheme, host, port), parsed strictly.
//!
//! Used to decide who may talk to the core and where a key may go. A lookalike
//! such as `cloud.innoslate.com.example.net` or `http://cloud.innoslate.com`
//! must never compare equal to `https://cloud.innoslate.com`, so parsing is
//! deliberately narrow: anything unusual is rejected rather than guessed at.
//!
//! Whatever is accepted is in the form a browser's URL parser gives an origin
//! (WHATWG URL): lower-case scheme and host, no default port, IPv6 compressed
//! in brackets, IPv4 as four decimal numbers. Two origins are equal exactly
//! when those forms are. Host names are ASCII only: a browser reports an
//! internationalised name in its `xn--` form, which is compared as it is;
//! Unicode, percent-encoding, a trailing dot and the URL parser's numeric
//! shorthands (`127.1`, `0x7f.0.0.1`) are refused.
//!
//! Sender URLs (`Origin::parse`) come from the browser and may carry a path.
//! A destination (`Origin::parse_destination`) must already be exactly an
//! origin: the extension's pages turn what the admin types, and the managed
//! policy, into one with the browser's own URL parser before the core sees
//! it, so the core never has to guess what a typed address meant.

use crate::substring::Substring;
use std::fmt::{self, Write};

/// A web origin: scheme, host and (non-default) port, in canonical form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: String,
    /// Explicit non-default port, if any.
    port: Option<u16>,
}

/// Why an address is not an origin the core accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginError {
    /// No `scheme://` at the start.
    NotAUrl,
    /// A scheme other than https, http or an extension's own.
    UnsupportedScheme,
    /// A user name or password before the host.
    HasCredentials,
    /// The host is not a valid name, IPv4 or IPv6 address.
    BadHost,
    /// The host name ends with a dot (a different origin to a browser).
    HostEndsWithDot,
    /// The port is not a number from 0 to 65535.
    BadPort,
    /// Plain http for anything but the admin's own machine.
    InsecureHttp,
    /// A destination that is not written exactly as its origin (upper case,
    /// the default port, a path, a trailing slash, white space).
    NotCanonical,
}

impl OriginError {
    /// A sentence for the admin that says what to do.
    pub fn message(self) -> &'static str {
        match self {
            OriginError::NotAUrl => "core_origin_not_a_url",
            OriginError::UnsupportedScheme => "core_origin_scheme",
            OriginError::HasCredentials => "core_origin_credentials",
            OriginError::BadHost => "core_origin_bad_host",
            OriginError::HostEndsWithDot => "core_origin_trailing_dot",
            OriginError::BadPort => "core_origin_bad_port",
            OriginError::InsecureHttp => "core_origin_insecure_http",
            OriginError::NotCanonical => "core_origin_not_canonical",
        }
    }
}

impl Origin {
    /// Parses the origin of an absolute URL. Path, query and fragment are
    /// ignored; scheme and host case and a default port are normalised.
    pub fn parse(url: &str) -> Result<Origin, OriginError> {
        let (scheme, rest) = url.split_on("://").ok_or(OriginError::NotAUrl)?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => Some(443),
            "http" => Some(80),
            "chrome-extension" | "moz-extension" => None,
            _ => return Err(OriginError::UnsupportedScheme),
        };
        let authority_end = rest.bytes().position(|b| matches!(b, b'/' | b'?' | b'#')).unwrap_or(rest.len());
        let authority = rest.until_byte(authority_end);
        if authority.as_bytes().contains(&b'@') {
            return Err(OriginError::HasCredentials);
        }
        let (host, port) = split_host_port(authority)?;
        let host = canonical_host(&host.to_ascii_lowercase())?;
        let port = match (port, default_port) {
            (Some(p), Some(d)) if p == d => None,
            (p, _) => p,
        };
        Ok(Origin { scheme, host, port })
    }

    /// Checks the configured Innoslate address: exactly an origin (see the
    /// module notes), https anywhere, http only for localhost (a developer's
    /// own machine).
    pub fn parse_destination(input: &str) -> Result<Origin, OriginError> {
        if input.trim() != input {
            return Err(OriginError::NotCanonical);
        }
        let origin = Origin::parse(input)?;
        match origin.scheme.as_str() {
            "https" => {}
            "http" if origin.is_localhost() => {}
            "http" => return Err(OriginError::InsecureHttp),
            _ => return Err(OriginError::UnsupportedScheme),
        }
        if origin.to_string() != input {
            return Err(OriginError::NotCanonical);
        }
        Ok(origin)
    }

    /// The scheme, lower case (`https`).
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host, lower case; an IPv6 address in brackets.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Whether this is the admin's own machine, where plain http is allowed.
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

// Piece by piece: the port's digits by hand rather than through integer
// formatting, which nothing else in the wasm core needs for a u16.
impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.scheme)?;
        f.write_str("://")?;
        f.write_str(&self.host)?;
        if let Some(port) = self.port {
            f.write_str(":")?;
            let mut unit = 10_000;
            while unit > 1 && port / unit == 0 {
                unit /= 10;
            }
            loop {
                f.write_char(char::from(b'0' + (port / unit % 10) as u8))?;
                if unit == 1 {
                    break;
                }
                unit /= 10;
            }
        }
        Ok(())
    }
}

/// Splits `host[:port]` or `[ipv6][:port]`. The port must be plain digits:
/// Rust's integer parser would also take `+443`, which a browser refuses.
fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), OriginError> {
    let (host, port) = if authority.starts_with('[') {
        let end = authority.bytes().position(|b| b == b']').ok_or(OriginError::BadHost)? + 1;
        match authority.after_byte(end) {
            "" => (authority.until_byte(end), None),
            after => (authority.until_byte(end), Some(after.strip_prefix(':').ok_or(OriginError::BadHost)?)),
        }
    } else {
        match authority.split_on(":") {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
            Some(crate::number::parse_u16(p).ok_or(OriginError::BadPort)?)
        }
        Some(_) => return Err(OriginError::BadPort),
    };
    Ok((host, port))
}

/// The canonical spelling of a (lower-cased) host, or why it is refused.
fn canonical_host(host: &str) -> Result<String, OriginError> {
    if let Some(inner) = host.strip_prefix('[') {
        let address = inner.strip_suffix(']').and_then(parse_ipv6).ok_or(OriginError::BadHost)?;
        return Ok(ipv6_to_string(&address));
    }
    if host.len() > 1 && host.ends_with('.') {
        return Err(OriginError::HostEndsWithDot);
    }
    if host.is_empty() || host.len() > 253 {
        return Err(OriginError::BadHost);
    }
    let labels_valid = host.split('.').all(|label| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    });
    if !labels_valid {
        return Err(OriginError::BadHost);
    }
    // A URL parser reads a host whose last label is a number as an IPv4
    // address, in any of several shorthands; only the plain dotted form is
    // accepted, so that no two spellings name the same machine.
    let last = host.after_byte(host.bytes().rposition(|b| b == b'.').map_or(0, |dot| dot + 1));
    let numeric = last.bytes().all(|b| b.is_ascii_digit()) || last.starts_with("0x");
    if numeric && dotted_ipv4(host).is_none() {
        return Err(OriginError::BadHost);
    }
    Ok(host.to_string())
}

/// Four decimal numbers 0–255 without leading zeros. Read by hand, as is the
/// IPv6 hex below: this ships in the wasm core, where each formatting or
/// parsing routine pulled in costs size.
fn dotted_ipv4(text: &str) -> Option<[u8; 4]> {
    let mut bytes = [0u8; 4];
    let mut parts = text.split('.');
    for byte in &mut bytes {
        let part = parts.next()?.as_bytes();
        let well_formed =
            matches!(part.len(), 1..=3) && part.iter().all(u8::is_ascii_digit) && (part.len() == 1 || part[0] != b'0');
        if !well_formed {
            return None;
        }
        let value = part.iter().fold(0u16, |n, d| n * 10 + u16::from(d - b'0'));
        *byte = u8::try_from(value).ok()?;
    }
    parts.next().is_none().then_some(bytes)
}

/// An IPv6 address (between the brackets) as eight pieces, following the
/// WHATWG URL standard's IPv6 parser: `::` once, at most four hex digits a
/// piece, an optional dotted IPv4 tail.
fn parse_ipv6(text: &str) -> Option<[u16; 8]> {
    let input = text.as_bytes();
    let mut pieces = [0u16; 8];
    let mut index = 0;
    let mut compress = None;
    let mut at = 0;
    if input.first() == Some(&b':') {
        if input.get(1) != Some(&b':') {
            return None;
        }
        at = 2;
        index = 1;
        compress = Some(1);
    }
    while at < input.len() {
        if index == 8 {
            return None;
        }
        if input[at] == b':' {
            if compress.is_some() {
                return None;
            }
            at += 1;
            index += 1;
            compress = Some(index);
            continue;
        }
        let (mut value, mut length) = (0u16, 0);
        while length < 4 {
            let digit = match input.get(at) {
                Some(&d @ b'0'..=b'9') => d - b'0',
                Some(&d @ b'a'..=b'f') => d - b'a' + 10,
                _ => break,
            };
            value = value * 16 + u16::from(digit);
            at += 1;
            length += 1;
        }
        match input.get(at) {
            Some(b'.') => {
                if length == 0 || index > 6 {
                    return None;
                }
                let [a, b, c, d] = dotted_ipv4(text.get(at - length..)?)?;
                pieces[index] = u16::from_be_bytes([a, b]);
                pieces[index + 1] = u16::from_be_bytes([c, d]);
                index += 2;
                break;
            }
            Some(b':') => {
                at += 1;
                if at == input.len() {
                    return None;
                }
            }
            Some(_) => return None,
            None => {}
        }
        pieces[index] = value;
        index += 1;
    }
    match compress {
        Some(start) => {
            // Move the pieces after `::` to the end; zeros fill the gap.
            let tail = index - start;
            pieces.copy_within(start..index, 8 - tail);
            pieces[start..8 - tail].fill(0);
        }
        None if index != 8 => return None,
        None => {}
    }
    Some(pieces)
}

/// The canonical text of an IPv6 address, in brackets: lower-case hex without
/// leading zeros, the first longest run of two or more zero pieces as `::`.
fn ipv6_to_string(pieces: &[u16; 8]) -> String {
    let mut best: Option<(usize, usize)> = None;
    let mut i = 0;
    while i < 8 {
        let run = pieces[i..].iter().take_while(|&&p| p == 0).count();
        if run >= 2 && run > best.map_or(0, |(_, len)| len) {
            best = Some((i, run));
        }
        i += run.max(1);
    }
    let mut out = String::from("[");
    let mut i = 0;
    while i < 8 {
        if let Some((start, len)) = best.filter(|&(start, _)| start == i) {
            out.push_str(if start == 0 { "::" } else { ":" });
            i += len;
            continue;
        }
        let digits = 4 - (pieces[i].leading_zeros() as usize / 4).min(3);
        for shift in (0..digits).rev() {
            out.push(HEX[usize::from(pieces[i] >> (shift * 4)) & 0xf] as char);
        }
        if i < 7 {
            out.push(':');
        }
        i += 1;
    }
    out.push(']');
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_case_and_default_port() {
        let a = Origin::parse("HTTPS://Cloud.Innoslate.com:443/acme/admin").unwrap();
        assert_eq!(a.to_string(), "https://cloud.innoslate.com");
        assert_eq!(a, Origin::parse("https://cloud.innoslate.com").unwrap());
        assert_eq!(Origin::parse("https://h.example:8443/x").unwrap().to_string(), "https://h.example:8443");
        assert_eq!(Origin::parse("https://h.example:08443?q").unwrap().to_string(), "https://h.example:8443");
    }

    #[test]
    fn writes_every_port_with_all_its_digits() {
        for port in [1u16, 9, 10, 81, 99, 100, 443, 999, 1000, 8443, 9999, 10_000, 10_009, 65_535] {
            let origin = Origin::parse(&format!("http://h.example:{port}/")).unwrap();
            assert_eq!(origin.to_string(), format!("http://h.example:{port}"));
        }
        assert_eq!(Origin::parse("https://h.example:0").unwrap().to_string(), "https://h.example:0");
        assert_eq!(Origin::parse("http://h.example:80").unwrap().to_string(), "http://h.example");
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
            "https://xn--cloud-innoslate-xyz.com/",
        ] {
            assert_ne!(Origin::parse(other).unwrap(), real, "{other}");
        }
    }

    #[test]
    fn rejects_odd_urls() {
        assert_eq!(Origin::parse("https://user:pw@cloud.innoslate.com/"), Err(OriginError::HasCredentials));
        assert_eq!(Origin::parse("https://cloud.innoslate.com@evil.example/"), Err(OriginError::HasCredentials));
        assert_eq!(Origin::parse("javascript:alert(1)"), Err(OriginError::NotAUrl));
        assert_eq!(Origin::parse("data://x"), Err(OriginError::UnsupportedScheme));
        assert_eq!(Origin::parse("https://bad_host/"), Err(OriginError::BadHost));
        assert_eq!(Origin::parse("https://a..b/"), Err(OriginError::BadHost));
        assert_eq!(Origin::parse("https://h:99999/"), Err(OriginError::BadPort));
        assert_eq!(Origin::parse("https://h:+443/"), Err(OriginError::BadPort));
        assert_eq!(Origin::parse("https://h:/"), Err(OriginError::BadPort));
        assert_eq!(Origin::parse("https:///x"), Err(OriginError::BadHost));
        assert_eq!(Origin::parse("https://cloud.innoslate.com./"), Err(OriginError::HostEndsWithDot));
        assert_eq!(Origin::parse("https://cloud%2Einnoslate.com/"), Err(OriginError::BadHost));
        assert_eq!(Origin::parse("https://cl\u{00F6}ud.innoslate.com/"), Err(OriginError::BadHost));
        assert_eq!(Origin::parse("https://cloud.innoslate.com\\.evil.example/"), Err(OriginError::BadHost));
    }

    #[test]
    fn ipv4_only_in_its_plain_dotted_form() {
        assert_eq!(Origin::parse("https://10.0.0.7:8443/").unwrap().to_string(), "https://10.0.0.7:8443");
        for shorthand in ["127.1", "0x7f.0.0.1", "010.0.0.1", "1.2.3.256", "1.2.3.4.5", "example.123", "a.0x1f"] {
            assert_eq!(Origin::parse(&format!("https://{shorthand}/")), Err(OriginError::BadHost), "{shorthand}");
        }
        assert!(Origin::parse("https://123.example/").is_ok());
    }

    #[test]
    fn ipv6_hosts_compare_in_canonical_form() {
        let loopback = Origin::parse("https://[::1]:8443/x").unwrap();
        assert_eq!(loopback.to_string(), "https://[::1]:8443");
        assert_eq!(loopback.host(), "[::1]");
        assert_eq!(Origin::parse("https://[::1]").unwrap().to_string(), "https://[::1]");
        assert_eq!(Origin::parse("https://[0:0:0:0:0:0:0:1]:8443").unwrap(), loopback);
        for (spelled, canonical) in [
            ("[2001:DB8::1]", "[2001:db8::1]"),
            ("[2001:0db8:0000:0000:0000:0000:0000:0001]", "[2001:db8::1]"),
            ("[2001:db8:0:0:1:0:0:1]", "[2001:db8::1:0:0:1]"),
            ("[2001:db8:0:1:1:1:1:1]", "[2001:db8:0:1:1:1:1:1]"),
            ("[::]", "[::]"),
            ("[1::]", "[1::]"),
            ("[::ffff:192.0.2.128]", "[::ffff:c000:280]"),
            ("[fe80::]", "[fe80::]"),
        ] {
            assert_eq!(Origin::parse(&format!("https://{spelled}/")).unwrap().host(), canonical, "{spelled}");
        }
        for bad in [
            "[]",
            "[:1]",
            "[1:::2]",
            "[::1::]",
            "[12345::]",
            "[1:2:3:4:5:6:7:8:9]",
            "[1:2]",
            "[::1%25eth0]",
            "[::1",
            "[::1]x",
            "[::1.2.3]",
            "[::1.2.3.04]",
        ] {
            assert_eq!(Origin::parse(&format!("https://{bad}/")), Err(OriginError::BadHost), "{bad}");
        }
        assert_ne!(Origin::parse("https://[::1]/").unwrap(), Origin::parse("https://[::2]/").unwrap());
        assert_ne!(Origin::parse("https://[::1]/").unwrap(), Origin::parse("https://[::1]:8443/").unwrap());
    }

    #[test]
    fn destinations_need_https_except_localhost() {
        assert_eq!(
            Origin::parse_destination("https://innoslate.example.com").unwrap().to_string(),
            "https://innoslate.example.com"
        );
        assert_eq!(Origin::parse_destination("http://innoslate.example.com"), Err(OriginError::InsecureHttp));
        assert_eq!(Origin::parse_destination("http://localhost:8080").unwrap().to_string(), "http://localhost:8080");
        assert!(Origin::parse_destination("http://127.0.0.1").is_ok());
        assert!(Origin::parse_destination("http://[::1]:8080").is_ok());
        assert_eq!(Origin::parse_destination("chrome-extension://abc"), Err(OriginError::UnsupportedScheme));
        assert_eq!(
            Origin::parse_destination("https://cloud.innoslate.com").unwrap().match_pattern(),
            "https://cloud.innoslate.com/*"
        );
    }

    #[test]
    fn destinations_must_be_written_exactly_as_their_origin() {
        for ok in
            ["https://innoslate.example.com:8443", "https://[::1]:8443", "https://[2001:db8::1]", "https://10.1.2.3"]
        {
            assert_eq!(Origin::parse_destination(ok).unwrap().to_string(), ok);
        }
        for not_canonical in [
            "https://Innoslate.example.com",
            "HTTPS://innoslate.example.com",
            "https://innoslate.example.com:443",
            "https://innoslate.example.com/",
            "https://innoslate.example.com/acme",
            "https://innoslate.example.com?x",
            " https://innoslate.example.com",
            "https://innoslate.example.com ",
            "https://[2001:DB8::1]",
            "https://[::0:1]",
        ] {
            assert_eq!(Origin::parse_destination(not_canonical), Err(OriginError::NotCanonical), "{not_canonical:?}");
        }
        assert_eq!(Origin::parse_destination("innoslate.example.com"), Err(OriginError::NotAUrl));
        assert_eq!(Origin::parse_destination("https://innoslate.example.com."), Err(OriginError::HostEndsWithDot));
        assert_eq!(Origin::parse_destination("https://a@innoslate.example.com"), Err(OriginError::HasCredentials));
    }

    #[test]
    fn every_refusal_tells_the_admin_what_to_do() {
        for e in [
            OriginError::NotAUrl,
            OriginError::UnsupportedScheme,
            OriginError::HasCredentials,
            OriginError::BadHost,
            OriginError::HostEndsWithDot,
            OriginError::BadPort,
            OriginError::InsecureHttp,
            OriginError::NotCanonical,
        ] {
            let message = crate::message_words::said(e.message());
            assert!(message.ends_with('.') && message.len() > 20, "{e:?}: {message}");
        }
    }
}
