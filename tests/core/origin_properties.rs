//! `origin::Origin` against a full WHATWG URL parser (the `url` crate, a test
//! dependency only), on generated addresses: well-formed ones, near misses
//! and lookalikes. Whatever the core accepts, it must read exactly as a
//! browser would; it may refuse more, but never a valid self-hosted address.
#![cfg(not(target_arch = "wasm32"))]

use innoslate_key_assistant::origin::Origin;
use proptest::prelude::*;

/// The origin the URL standard gives `input`, if it has a tuple origin.
fn url_origin(input: &str) -> Option<String> {
    let origin = url::Url::parse(input).ok()?.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// A DNS label. `xn--` labels are left out: the core compares them as ASCII
/// without decoding, while the URL parser refuses invalid punycode; the valid
/// ones are among `host_near_misses`.
fn label() -> impl Strategy<Value = String> {
    "[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?".prop_filter("not punycode", |l| !l.starts_with("xn--"))
}

/// A host name whose last label is not a number (so not read as IPv4).
fn domain() -> impl Strategy<Value = String> {
    (prop::collection::vec(label(), 0..3), "[a-z][a-z0-9]{0,5}").prop_map(|(mut labels, tld)| {
        labels.push(tld);
        labels.join(".")
    })
}

fn ipv4() -> impl Strategy<Value = String> {
    any::<[u8; 4]>().prop_map(|b| format!("{}.{}.{}.{}", b[0], b[1], b[2], b[3]))
}

/// Eight pieces, some run of them zero (so that `::` applies).
fn ipv6_pieces() -> impl Strategy<Value = [u16; 8]> {
    (any::<[u16; 8]>(), 0..8usize, 0..9usize).prop_map(|(mut pieces, start, len)| {
        let end = (start + len).min(8);
        pieces[start..end].fill(0);
        pieces
    })
}

/// An IPv6 address in brackets, spelled in one of the ways the URL standard
/// accepts: full, full with leading zeros in upper case, with `::` for a
/// zero run, or with an IPv4 tail.
fn ipv6() -> impl Strategy<Value = String> {
    (ipv6_pieces(), 0..4u8).prop_map(|(p, spelling)| {
        let hex = |pieces: &[u16], upper: bool| {
            pieces.iter().map(|x| if upper { format!("{x:04X}") } else { format!("{x:x}") }).collect::<Vec<_>>()
        };
        match spelling {
            0 => format!("[{}]", hex(&p, false).join(":")),
            1 => format!("[{}]", hex(&p, true).join(":")),
            2 => match p.iter().position(|&x| x == 0) {
                Some(start) => {
                    let end = start + p[start..].iter().take_while(|&&x| x == 0).count();
                    format!("[{}::{}]", hex(&p[..start], false).join(":"), hex(&p[end..], false).join(":"))
                }
                None => format!("[{}]", hex(&p, false).join(":")),
            },
            _ => {
                let [a, b] = p[6].to_be_bytes();
                let [c, d] = p[7].to_be_bytes();
                format!("[{}:{a}.{b}.{c}.{d}]", hex(&p[..6], false).join(":"))
            }
        }
    })
}

/// Hosts the core must refuse or read exactly as a browser does.
fn host_near_misses() -> impl Strategy<Value = String> {
    prop_oneof![
        domain().prop_map(|d| d.to_ascii_uppercase()),
        domain().prop_map(|d| format!("{d}.")),
        domain().prop_map(|d| format!("{d}.example.net")),
        domain().prop_map(|d| d.replacen('.', "-", 1)),
        domain().prop_map(|d| d.replacen('a', "%61", 1)),
        domain().prop_map(|d| d.replacen('o', "\u{00F6}", 1)),
        domain().prop_map(|d| d.replacen('e', "_", 1)),
        domain().prop_map(|d| format!("{d}.123")),
        Just("xn--bcher-kva.example".to_string()),
        Just("xn--80ak6aa92e.com".to_string()),
        Just("127.1".to_string()),
        Just("0x7f.0.0.1".to_string()),
        Just("010.0.0.1".to_string()),
        Just("[::1%25eth0]".to_string()),
        Just("[::1:]".to_string()),
        Just("".to_string()),
    ]
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => domain(),
        1 => ipv4(),
        2 => ipv6(),
        1 => Just("localhost".to_string()),
        3 => host_near_misses(),
    ]
}

/// Absolute URLs, most of them near an acceptable origin.
fn url() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec!["https", "http", "HTTPS", "Http", "ftp", "wss"]);
    let userinfo = prop::sample::select(vec!["", "", "", "user@", "user:pw@", ":@"]);
    let port = prop::sample::select(vec!["", "", "", ":443", ":80", ":8443", ":08443", ":0", ":", ":65536", ":+1"]);
    let rest = prop::sample::select(vec!["", "/", "/acme/admin?x=1#y", "?q", "#f", "\\x", "/@evil.example"]);
    (scheme, userinfo, host(), port, rest).prop_map(|(s, u, h, p, r)| format!("{s}://{u}{h}{p}{r}"))
}

/// A valid address of a self-hosted Innoslate, written as the browser's URL
/// parser writes its origin.
fn self_hosted() -> impl Strategy<Value = String> {
    let port = prop_oneof![Just(String::new()), (1u16..=65535).prop_map(|p| format!(":{p}"))];
    let https_host = prop_oneof![domain(), ipv4(), ipv6()];
    let local_host = prop::sample::select(vec!["localhost", "127.0.0.1", "[::1]"]);
    prop_oneof![
        (https_host, port.clone()).prop_map(|(h, p)| format!("https://{h}{p}")),
        (local_host, port).prop_map(|(h, p)| format!("http://{h}{p}")),
    ]
    .prop_filter_map("the URL standard gives it an origin", |address| url_origin(&address))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn whatever_is_accepted_reads_as_a_browser_reads_it(input in url()) {
        if let Ok(origin) = Origin::parse(&input) {
            prop_assert_eq!(Some(origin.to_string()), url_origin(&input), "input {:?}", input);
        }
    }

    #[test]
    fn different_origins_never_compare_equal(a in url(), b in url()) {
        if let (Ok(ours_a), Ok(ours_b)) = (Origin::parse(&a), Origin::parse(&b)) {
            if url_origin(&a) != url_origin(&b) {
                prop_assert_ne!(ours_a, ours_b, "{:?} and {:?}", a, b);
            }
        }
    }

    #[test]
    fn variants_of_one_host_are_equal_exactly_when_the_browser_says_so(
        base in host(),
        a in (0..4usize, 0..4usize),
        b in (0..4usize, 0..4usize),
    ) {
        // Same host, different scheme case, port spelling and path: the pairs
        // that a loose comparison would confuse.
        let schemes = ["https", "HTTPS", "http", "https"];
        let ports = ["", ":443", ":8443", ":00443"];
        let first = format!("{}://{base}{}/x", schemes[a.0], ports[a.1]);
        let second = format!("{}://{base}{}?y", schemes[b.0], ports[b.1]);
        if let (Ok(x), Ok(y)) = (Origin::parse(&first), Origin::parse(&second)) {
            prop_assert_eq!(x == y, url_origin(&first) == url_origin(&second), "{:?} and {:?}", first, second);
        }
    }

    #[test]
    fn no_valid_self_hosted_address_is_refused(address in self_hosted()) {
        let origin = Origin::parse_destination(&address);
        prop_assert_eq!(origin.map(|o| o.to_string()), Ok(address.clone()));
    }

    #[test]
    fn a_destination_is_accepted_only_as_its_own_origin(input in url()) {
        if Origin::parse_destination(&input).is_ok() {
            prop_assert_eq!(url_origin(&input), Some(input.clone()));
        }
    }
}

#[test]
fn the_generators_reach_both_outcomes() {
    // Guards against generators that drift into producing only refusals (or
    // only acceptances), which would make the properties above vacuous.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut accepted, mut refused, mut ipv6_accepted) = (0, 0, 0);
    for _ in 0..2000 {
        let input = url().new_tree(&mut runner).unwrap().current();
        match Origin::parse(&input) {
            Ok(o) => {
                accepted += 1;
                ipv6_accepted += usize::from(o.host().starts_with('['));
            }
            Err(_) => refused += 1,
        }
    }
    assert!(accepted > 200 && refused > 400 && ipv6_accepted > 50, "{accepted} {refused} {ipv6_accepted}");
}
