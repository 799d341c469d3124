use super::*;

#[test]
fn where_is_said_back_with_key_and_figure_and_a_wrong_place_says_why() {
    let question = where_question();
    let (regions, said) = (question.read)("left sole").unwrap();
    assert_eq!(regions.len(), 1);
    assert_eq!(said, "Foot, sole (left) - b37, back");
    let (both, said) = (question.read)("both feet").unwrap();
    assert!(both.len() >= 2, "{said}");
    assert!(
        said.contains("(left)") && said.contains("(right)"),
        "{said}"
    );
    let why = (question.read)("elbw knee").unwrap_err();
    assert!(!why.is_empty());
    assert!(question.default.is_none(), "where has no default");
}

#[test]
fn what_is_said_back_with_its_class() {
    let sensations = SensationCatalogue::built_in();
    let question = what_question(&sensations);
    let (_, said) = (question.read)("TINGLING").unwrap();
    assert_eq!(said, "Tingling (paresthesia)");
    let why = (question.read)("sparkles").unwrap_err();
    assert!(why.contains("sparkles"), "{why}");
}

#[test]
fn strength_is_0_to_10() {
    let question = strength_question();
    assert_eq!((question.read)(" 7 ").unwrap(), (7, "7 out of 10".into()));
    assert!((question.read)("12").unwrap_err().contains("0 to 10"));
    assert!((question.read)("bad").is_err());
}

#[test]
fn the_optional_questions_take_enter_as_none() {
    assert_eq!((duration_question().read)("").unwrap().0, None);
    assert_eq!(
        (duration_question().read)("1h30m").unwrap(),
        (Some(5400), format!("lasted {}", format_duration(5400)))
    );
    assert!((duration_question().read)("a while").is_err());
    assert_eq!(
        (tags_question().read)("").unwrap(),
        (vec![], "no tags".into())
    );
    assert_eq!(
        (tags_question().read)("heat #fatigue").unwrap(),
        (
            vec!["heat".to_string(), "fatigue".to_string()],
            "#heat #fatigue".into()
        )
    );
    assert_eq!((note_question().read)("  ").unwrap().0, None);
    assert_eq!(
        (note_question().read)("after a hot bath").unwrap().0,
        Some("after a hot bath".into())
    );
}
