//! The native twin of the `admit_message` fuzz target: the same property,
//! from proptest's bytes, so it runs with the other tests.
// Native only: proptest is not there in wasm.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;

mod property;

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn any_message_from_any_sender_is_answered_and_every_refusal_is_a_code(
        bytes in proptest::collection::vec(any::<u8>(), 0..400)
    ) {
        property::check(&bytes);
    }
}

/// The generator reaches the handlers: some inputs are admitted and some
/// refused by the table, so the property above is not only about refusals.
#[test]
fn the_inputs_reach_both_sides_of_the_table() {
    use innoslate_key_assistant::authorisation::admit;
    use innoslate_key_assistant::sender_check::{identify, OwnIdentity};
    let own = OwnIdentity { id: "abcdefghijklmnop".into(), origin: "chrome-extension://abcdefghijklmnop".into() };
    let (mut admitted, mut refused) = (0, 0);
    for seed in 0u32..4000 {
        let bytes: Vec<u8> =
            (0..64u32).map(|i| (seed.wrapping_mul(2654435761).wrapping_add(i * 40503) >> 7) as u8).collect();
        let mut choices = property::Choices::new(&bytes);
        let facts = choices.sender();
        let _ = choices.context();
        let message = choices.message();
        if let (Ok(sender), Ok(request)) = (identify(&facts, &own), property::read(&message)) {
            match admit(request, &sender, None) {
                Ok(_) => admitted += 1,
                Err(_) => refused += 1,
            }
        }
    }
    assert!(admitted > 0 && refused > 0, "admitted {admitted}, refused {refused}");
}
