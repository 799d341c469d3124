use super::*;

fn ids(regions: &[RegionId]) -> Vec<&'static str> {
    regions.iter().map(|r| r.region().id.as_str()).collect()
}

fn resolved(query: &str) -> Vec<&'static str> {
    let mut found = ids(&resolve(query).unwrap_or_else(|e| panic!("{query}: {e}")));
    found.sort();
    found
}

#[test]
fn the_vocabulary_names_real_regions() {
    assert!(Vocabulary::parse(PLACES_RON).is_ok());
    let broken = PLACES_RON.replacen("\"sole\"]", "\"soul\"]", 1);
    assert!(Vocabulary::parse(&broken).is_err());
}

/// The table of words and typos every surface shares.
#[test]
fn plain_words_in_any_order_with_typos() {
    for (query, expected) in [
        ("b37", vec!["left-sole"]),
        ("125", vec!["right-palm"]),
        ("Foot, sole (left)", vec!["left-sole"]),
        ("left sole", vec!["left-sole"]),
        ("sole left", vec!["left-sole"]),
        ("l sole", vec!["left-sole"]),
        ("left sol", vec!["left-sole"]),
        ("left heel", vec!["left-sole"]),
        ("r palm", vec!["right-palm"]),
        ("rght palm", vec!["right-palm"]),
        ("rigth palm", vec!["right-palm"]),
        ("right shin", vec!["right-lower-leg-front"]),
        ("left calf", vec!["left-lower-leg-back"]),
        ("right thumb back", vec!["right-hand-back"]),
        ("my left toes", vec!["left-foot-top"]),
        ("left upper back", vec!["left-upper-back"]),
        ("right belly", vec!["right-abdomen"]),
        ("left stomach", vec!["left-abdomen"]),
        ("left buttock", vec!["left-buttock"]),
        ("right groin", vec!["right-pubic"]),
        ("left jaw", vec!["left-face"]),
        ("right temple", vec!["right-face"]),
        ("left breast", vec!["left-chest"]),
        ("right-palm", vec!["right-palm"]),
    ] {
        let mut expected = expected;
        expected.sort();
        assert_eq!(resolved(query), expected, "{query}");
    }
}

#[test]
fn plurals_both_and_bands_mean_several_regions() {
    assert_eq!(
        resolved("both feet"),
        ["left-foot-top", "left-sole", "right-foot-top", "right-sole"]
    );
    assert_eq!(resolved("feet"), resolved("both feet"));
    assert_eq!(
        resolved("both hands"),
        [
            "left-hand-back",
            "left-palm",
            "right-hand-back",
            "right-palm"
        ]
    );
    assert_eq!(resolved("soles"), ["left-sole", "right-sole"]);
    assert_eq!(
        resolved("MS hug"),
        [
            "left-chest",
            "left-middle-back",
            "right-chest",
            "right-middle-back"
        ]
    );
    assert_eq!(
        resolved("both shins"),
        ["left-lower-leg-front", "right-lower-leg-front"]
    );
}

#[test]
fn ambiguous_and_unknown_words_say_so_in_full_words() {
    let err = resolve("rigth hand").unwrap_err().to_string();
    assert!(err.contains("Hand, palm (right) - f25"), "{err}");
    assert!(err.contains("Hand, back (right) - b30"), "{err}");
    assert!(!err.contains("left"), "{err}");
    let err = resolve("shin").unwrap_err().to_string();
    assert!(
        err.contains("Lower leg (front-left)") && err.contains("Lower leg (front-right)"),
        "{err}"
    );
    let err = resolve("elbw xyz").unwrap_err();
    assert!(matches!(err, PlaceError::Unknown { .. }), "{err}");
    assert!(resolve("  ").is_err());
}

#[test]
fn search_lists_every_reading_with_the_group_first() {
    let found = find("feet");
    assert_eq!(found[0].label, "Both feet (4 regions)");
    assert_eq!(found.len(), 5);
    let thumbs: Vec<String> = find("thumb").iter().map(|c| c.label.clone()).collect();
    assert!(
        thumbs.iter().any(|l| l.contains("Hand, palm (right)")),
        "{thumbs:?}"
    );
    assert!(find("").is_empty());
}

#[test]
fn search_keeps_what_the_old_search_found() {
    let first = |q: &str| find(q).first().map(|c| c.label.clone());
    assert_eq!(first("b37").as_deref(), Some("Foot, sole (left) - b37"));
    assert_eq!(find("knee").len(), 4);
    let elbow = find("elbow left back");
    assert_eq!(elbow.len(), 1);
    assert_eq!(elbow[0].label, "Elbow (back-left) - b15");
    assert!(find("tail").is_empty());
    assert!(find("  ").is_empty());
}

#[test]
fn two_places_in_one_text_are_both_kept() {
    assert_eq!(
        resolved("left sole,right sole"),
        ["left-sole", "right-sole"]
    );
    assert_eq!(
        resolved("left sole; right palm"),
        ["left-sole", "right-palm"]
    );
    assert_eq!(resolved("left and right sole"), ["left-sole", "right-sole"]);
    assert_eq!(
        resolved("Foot, sole (left); Hand, palm (right) - f25"),
        ["left-sole", "right-palm"]
    );
}

#[test]
fn a_list_of_places_for_the_where_field() {
    let regions = resolve_list("left sole, r palm; both feet").unwrap();
    assert_eq!(regions.len(), 5);
    assert!(resolve_list("left sole, nowhere at all").is_err());
    assert_eq!(resolve_list(" , "), Err(PlaceError::Empty));
}

/// "And" joins places, each with its own side; a side said once carries
/// on; words that only make sense together are read together.
#[test]
fn places_joined_by_and_keep_their_own_sides() {
    assert_eq!(
        resolved("left sole and right palm"),
        ["left-sole", "right-palm"]
    );
    assert_eq!(
        resolved("right palm and sole"),
        ["right-palm", "right-sole"]
    );
    assert_eq!(
        resolved("f14 and b15"),
        ["left-elbow-back", "left-elbow-front"]
    );
    // Read whole: "left" alone is no place.
    assert_eq!(resolved("left and right palm"), ["left-palm", "right-palm"]);
    assert_eq!(resolved("hands and feet").len(), 8);
    // One piece that could be several is asked about, never guessed.
    let Err(PlaceError::Ambiguous { input, .. }) = resolve("left sole and right arm") else {
        panic!("right arm is four regions");
    };
    assert_eq!(input, "right arm");
    // Keys and bands are read as typed, never given a side.
    assert_eq!(resolved("r palm and b37"), ["left-sole", "right-palm"]);
    assert!(resolved("left sole and MS hug").len() > 2);
    // Other joiners, or none: a side after a place begins another place.
    for query in [
        "left sole & right palm",
        "left sole + right palm",
        "left sole right palm",
    ] {
        assert_eq!(resolved(query), ["left-sole", "right-palm"], "{query}");
    }
    assert_eq!(resolved("sole left"), ["left-sole"]);
    // A piece asked about is named as typed.
    let why = resolve("left sole and knee").unwrap_err().to_string();
    assert!(why.starts_with("'knee' could be"), "{why}");
}

#[test]
fn an_ambiguous_place_says_how_to_choose_with_its_own_keys() {
    let why = resolve("left elbow").unwrap_err().to_string();
    assert!(
        why.ends_with("say which by its key (f14), or several joined by 'and' (f14 and b15)"),
        "{why}"
    );
}
