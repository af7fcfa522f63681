//! How long the core takes to recognise the step on a large page: a report
//! of 2,000 visible elements with the target near the end.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{black_box, Criterion};
    use innoslate_key_assistant::guide::openai::GUIDE;
    use innoslate_key_assistant::page_report::{ElementFact, PageReport, Rect};

    pub fn big_keys_page(n: u32) -> PageReport {
        let roles = ["link", "button", "textbox", "checkbox", "tab"];
        let mut elements: Vec<ElementFact> = (0..n - 1)
            .map(|i| ElementFact {
                id: i,
                role: roles[i as usize % roles.len()].into(),
                name: format!("Item {i} of the list"),
                label: if i % 3 == 0 { format!("Label {i}") } else { String::new() },
                section: format!("Section {}", i / 50),
                rect: Rect { x: 10.0, y: i as f64 * 20.0, width: 120.0, height: 18.0 },
                ..Default::default()
            })
            .collect();
        elements.push(ElementFact {
            id: n - 1,
            role: "button".into(),
            name: "+ Create new secret key".into(),
            rect: Rect { x: 900.0, y: 40.0, width: 200.0, height: 36.0 },
            ..Default::default()
        });
        PageReport {
            url: "https://platform.openai.com/api-keys".into(),
            title: "API keys".into(),
            headings: vec!["API keys".into()],
            elements,
            ..Default::default()
        }
    }

    pub fn recognition(c: &mut Criterion) {
        let page = big_keys_page(2000);
        let found = GUIDE.recognise(&page).expect("the keys page is recognised");
        assert_eq!((found.step.id, found.target), ("create-secret-key", Some(1999)));
        c.bench_function("recognise_2000_elements", |b| b.iter(|| GUIDE.recognise(black_box(&page)).map(|r| r.target)));
    }
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_group!(benches, bench::recognition);
#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
