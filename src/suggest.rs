//! Did-you-mean: the nearest known name to a mistyped one, and the list of
//! allowed values a message offers instead.
//!
//! They live here, below every stage, because the configuration, the
//! register files (bodies) and the validator's rules all suggest
//! corrections, and none of them should import another for it.

/// The known value closest to `wanted`, if one is close enough to be what
/// was meant.
pub fn nearest<'a>(wanted: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted_lower = wanted.to_lowercase();
    let wanted_chars = wanted_lower.chars().count();
    let limit = (wanted.chars().count() / 3).clamp(1, 4);
    known
        .into_iter()
        .filter_map(|candidate| {
            let candidate_lower = candidate.to_lowercase();
            // The distance is at least the difference in length: skip the
            // costly comparison when that alone is too far (most candidates,
            // and every one for a hostile 100 KB key).
            if candidate_lower.chars().count().abs_diff(wanted_chars) > limit {
                return None;
            }
            let distance = strsim::levenshtein(&wanted_lower, &candidate_lower);
            (distance <= limit).then_some((distance, candidate))
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// `"a", "b" or "c"` for messages.
pub fn quoted_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<String> = items.into_iter().map(|item| format!("\"{item}\"")).collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}
