//! Checks on a country folder against the rules: known facts and instruments, well-typed values,
//! lawful reservations, resolvable cross-references, unique ids.

use super::rules::value_problem;
use super::{Law, LawAct, LawProvision, RuleBook};
use crate::load::{Diagnostic, Location, RawLaw};
use crate::model::{article, InstrumentKind, Reservations, Waiver};
use std::collections::{BTreeMap, HashMap};

pub fn law(book: &RuleBook, mut raw: RawLaw) -> Result<Law, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let instrument_ids: Vec<&str> = book.instruments.iter().map(|i| i.id.as_str()).collect();
    let fact_keys = || book.facts.keys().map(String::as_str);

    let mut treaty_at = BTreeMap::new();
    if let Some(parsed) = &raw.country {
        let (file, country) = (&parsed.file, &parsed.value);
        let folder = raw.dir.rsplit('/').next().unwrap_or_default();
        let looks_like_code = folder.len() == 2 && folder.chars().all(|c| c.is_ascii_lowercase());
        if looks_like_code && country.code != folder {
            let at = file.find_field("code", &country.code, 0).unwrap_or(0);
            diagnostics.push(
                Diagnostic::new(
                    file.location(at),
                    "country-code",
                    format!("code \"{}\" does not match the folder \"{folder}\"", country.code),
                )
                .hint("the folder is named by the ISO 3166-1 alpha-2 code, in lower case"),
            );
        }
        check_question_facts(book, file, &country.open_questions, &mut diagnostics);
        let mut search_from = 0;
        for party in &country.treaties {
            let offset = file
                .find_field("instrument", &party.instrument, search_from)
                .unwrap_or(0);
            search_from = offset + 1;
            let at = file.location(offset);
            let Some(instrument) = book.instrument(&party.instrument) else {
                diagnostics.push(
                    Diagnostic::new(
                        at,
                        "unknown-instrument",
                        format!("unknown instrument \"{}\"", party.instrument),
                    )
                    .suggest(&party.instrument, instrument_ids.iter().copied())
                    .or_hint(format!("known instruments: {}", instrument_ids.join(", "))),
                );
                continue;
            };
            if let Some(first) = treaty_at.insert(party.instrument.clone(), at.clone()) {
                diagnostics.push(
                    Diagnostic::new(
                        at.clone(),
                        "duplicate-id",
                        format!("\"{}\" is listed twice", party.instrument),
                    )
                    .hint(format!("first listed at {first}; one entry per instrument")),
                );
            }
            for reservation in &party.reservations {
                let allowed = match &instrument.reservations {
                    _ if instrument.kind == InstrumentKind::Guidance => false,
                    Reservations::NotApplicable => false,
                    Reservations::AllExcept(barred) => {
                        !barred.iter().any(|b| article::covers(b, &reservation.article))
                    }
                    Reservations::Only(allowed) => {
                        allowed.iter().any(|a| article::covers(a, &reservation.article))
                    }
                };
                if !allowed {
                    let offset = file
                        .find_field("article", &reservation.article, offset)
                        .unwrap_or(offset);
                    diagnostics.push(
                        Diagnostic::new(
                            file.location(offset),
                            "reservation-not-allowed",
                            format!(
                                "{} does not admit reservations to Art. {}",
                                instrument.short, reservation.article
                            ),
                        )
                        .hint(reservation_rule(&instrument.reservations)),
                    );
                }
            }
        }
    }

    // Provisions: ids are unique per file and global as `<stem>/<id>`.
    let mut acts = Vec::new();
    let mut provisions: Vec<LawProvision> = Vec::new();
    let mut ids: HashMap<String, Location> = HashMap::new();
    for (index, parsed) in raw.acts.iter_mut().enumerate() {
        let file = &parsed.file;
        let mut act = LawAct::from(&parsed.value);
        act.id = file.stem().to_string();
        act.path = file.path.clone();
        check_question_facts(book, file, &act.open_questions, &mut diagnostics);
        acts.push(act);
        // Search on from the previous provision, so a repeated id is located where it repeats.
        let mut search_from = 0;
        // Moved, not cloned: the checked law owns the provisions.
        for provision in std::mem::take(&mut parsed.value.provisions) {
            let offset = file.find_field("id", &provision.id, search_from).unwrap_or(0);
            search_from = offset + 1;
            let at = file.location(offset);
            let id = format!("{}/{}", file.stem(), provision.id);
            if let Some(first) = ids.insert(id.clone(), at.clone()) {
                diagnostics.push(
                    Diagnostic::new(
                        at,
                        "duplicate-id",
                        format!("provision \"{}\" is defined twice", provision.id),
                    )
                    .hint(format!(
                        "first defined at {first}; an amendment is a new provision with its own id"
                    )),
                );
                continue;
            }
            if let Some(until) = provision.in_force.until {
                if until < provision.in_force.from {
                    diagnostics.push(
                        Diagnostic::new(
                            at.clone(),
                            "invalid-dates",
                            format!(
                                "in force until {until}, before it starts on {}",
                                provision.in_force.from
                            ),
                        )
                        .hint("`until` is the last day in force; it cannot precede `from`"),
                    );
                }
            }
            for (key, value) in &provision.facts {
                let fact_at = || file.location(file.find_quoted(key, offset).unwrap_or(offset));
                match book.facts.get(key) {
                    None => diagnostics.push(
                        Diagnostic::new(fact_at(), "unknown-fact", format!("unknown fact \"{key}\""))
                            .suggest(key, fact_keys())
                            .or_hint("the facts a law may assert are declared in rules/facts.ron".into()),
                    ),
                    Some(def) => {
                        if let Some(problem) = value_problem(&def.kind, value) {
                            diagnostics.push(
                                Diagnostic::new(fact_at(), "fact-type", format!("fact \"{key}\": {problem}"))
                                    .hint(format!("\"{key}\" is {}", def.kind.describe())),
                            );
                        }
                    }
                }
            }
            let refers_to = provision
                .refers_to
                .iter()
                .map(|r| {
                    if r.contains('/') {
                        r.clone()
                    } else {
                        format!("{}/{r}", file.stem())
                    }
                })
                .collect();
            provisions.push(LawProvision {
                id,
                act: index,
                at,
                provision,
                refers_to,
            });
        }
    }
    for p in &provisions {
        for target in &p.refers_to {
            if !ids.contains_key(target) {
                let file = &raw.acts[p.act].file;
                let start = file.find_field("id", &p.provision.id, 0).unwrap_or(0);
                let local = target.rsplit('/').next().unwrap_or(target);
                let at = file
                    .find_quoted(target, start)
                    .or_else(|| file.find_quoted(local, start + 1))
                    .unwrap_or(start);
                diagnostics.push(
                    Diagnostic::new(
                        file.location(at),
                        "unknown-provision",
                        format!("\"{}\" refers to unknown provision \"{target}\"", p.id),
                    )
                    .suggest(target, ids.keys().map(String::as_str))
                    .or_hint("write `id` for this file, or `<file stem>/<id>` for another act".into()),
                );
            }
        }
    }
    let mut waivers = Vec::new();
    if let Some(parsed) = &raw.waivers {
        let file = &parsed.file;
        let mut search_from = 0;
        for waiver in &parsed.value {
            let offset = file.find_field("rule", &waiver.rule, search_from).unwrap_or(0);
            search_from = offset + 1;
            let at = file.location(offset);
            if book.rule(&waiver.rule).is_none() {
                diagnostics.push(
                    Diagnostic::new(
                        at.clone(),
                        "unknown-rule",
                        format!("waiver for unknown rule \"{}\"", waiver.rule),
                    )
                    .suggest(&waiver.rule, book.rules.iter().map(|r| r.id.as_str()))
                    .or_hint("`gapcheck rules` lists the rule ids".into()),
                );
            }
            if let Some((_, first)) = waivers
                .iter()
                .find(|(w, _): &&(Waiver, Location)| w.rule == waiver.rule)
            {
                diagnostics.push(
                    Diagnostic::new(
                        at.clone(),
                        "duplicate-id",
                        format!("rule \"{}\" is waived twice", waiver.rule),
                    )
                    .hint(format!("first waived at {first}; keep one waiver per rule")),
                );
            }
            waivers.push((waiver.clone(), at));
        }
    }
    diagnostics.sort();
    match (diagnostics.is_empty(), raw.country) {
        (true, Some(country)) => Ok(Law {
            dir: raw.dir,
            country_path: country.file.path.clone(),
            country: country.value,
            treaty_at,
            acts,
            provisions,
            waivers,
        }),
        _ => Err(diagnostics),
    }
}

/// Open questions name facts of the vocabulary. They come after the provisions in a file, so
/// their keys are located from there.
fn check_question_facts(
    book: &RuleBook,
    file: &crate::load::SourceFile,
    questions: &[crate::model::OpenQuestion],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let questions_at = file.text.find("open_questions").unwrap_or(0);
    for key in questions.iter().flat_map(|q| &q.facts) {
        if !book.facts.contains_key(key) {
            let at = file.find_quoted(key, questions_at).unwrap_or(questions_at);
            diagnostics.push(
                Diagnostic::new(
                    file.location(at),
                    "unknown-fact",
                    format!("unknown fact \"{key}\""),
                )
                .suggest(key, book.facts.keys().map(String::as_str))
                .or_hint("declare it in rules/facts.ron first".into()),
            );
        }
    }
}

fn reservation_rule(reservations: &Reservations) -> String {
    match reservations {
        Reservations::AllExcept(barred) => {
            format!("no reservation may be made to Arts {}", barred.join(", "))
        }
        Reservations::Only(allowed) => {
            format!("reservations are allowed only to Arts {}", allowed.join(", "))
        }
        Reservations::NotApplicable => "soft law admits no reservations; remove it".into(),
    }
}
