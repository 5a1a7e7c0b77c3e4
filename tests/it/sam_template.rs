//! What `sam validate --lint` and cfn-lint cannot know about `template.yaml`:
//! the function is the one the code expects, only the skill may invoke it,
//! and its permissions are exactly what the code uses.

use serde_yaml::Value;

fn template() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("template.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// `!Ref X` / `!GetAtt X.Arn` as ("Ref", "X") / ("GetAtt", "X.Arn").
fn intrinsic(value: &Value) -> Option<(String, String)> {
    match value {
        Value::Tagged(tagged) => Some((
            tagged.tag.to_string().trim_start_matches('!').to_string(),
            tagged.value.as_str()?.to_string(),
        )),
        _ => None,
    }
}

fn function(template: &Value) -> &Value {
    &template["Resources"]["JukeboxFunction"]
}

#[test]
fn the_function_is_the_rust_lambda_alexa_can_wait_for() {
    let template = template();
    let function = function(&template);
    assert_eq!(function["Type"], "AWS::Serverless::Function");
    assert_eq!(function["Metadata"]["BuildMethod"], "rust-cargolambda");
    assert_eq!(
        function["Metadata"]["BuildProperties"]["Binary"],
        "jukebox-lambda"
    );
    let props = &function["Properties"];
    assert_eq!(props["Runtime"], "provided.al2023");
    assert_eq!(props["Handler"], "bootstrap");
    assert_eq!(props["Architectures"][0], "arm64");
    let timeout = props["Timeout"].as_u64().unwrap();
    assert!(
        (3..8).contains(&timeout),
        "Alexa waits about 8 s: timeout {timeout}"
    );
    assert!(props["MemorySize"].as_u64().unwrap() >= 128);

    let env = &props["Environment"]["Variables"];
    assert_eq!(
        intrinsic(&env["SKILL_ID"]),
        Some(("Ref".into(), "SkillId".into()))
    );
    assert_eq!(
        intrinsic(&env["CATALOG_TABLE"]),
        Some(("Ref".into(), "CatalogTable".into()))
    );
    assert_eq!(
        intrinsic(&env["PLAYBACK_TABLE"]),
        Some(("Ref".into(), "PlaybackTable".into()))
    );
    let logging = &props["LoggingConfig"];
    assert_eq!(logging["LogFormat"], "JSON");
    assert_eq!(
        intrinsic(&logging["LogGroup"]),
        Some(("Ref".into(), "JukeboxLogGroup".into()))
    );
    let log_group = &template["Resources"]["JukeboxLogGroup"];
    assert_eq!(log_group["Type"], "AWS::Logs::LogGroup");
    assert!(!log_group["Properties"]["RetentionInDays"].is_null());
}

#[test]
fn only_the_configured_skill_invokes_the_function() {
    let template = template();
    let events = function(&template)["Properties"]["Events"]
        .as_mapping()
        .unwrap();
    assert_eq!(events.len(), 1, "only the Alexa trigger");
    let (_, alexa) = events.iter().next().unwrap();
    assert_eq!(alexa["Type"], "AlexaSkill");
    assert_eq!(
        intrinsic(&alexa["Properties"]["SkillId"]),
        Some(("Ref".into(), "SkillId".into()))
    );
    let parameter = &template["Parameters"]["SkillId"];
    assert!(parameter["Default"].is_null(), "no default skill id");
    assert!(parameter["AllowedPattern"]
        .as_str()
        .unwrap()
        .contains("amzn1"));
}

#[test]
fn permissions_are_exactly_what_the_code_uses() {
    let template = template();
    let policies = function(&template)["Properties"]["Policies"]
        .as_sequence()
        .unwrap();
    assert_eq!(policies.len(), 1, "one inline policy, no managed policies");
    let statements = policies[0]["Statement"].as_sequence().unwrap();
    // The music bucket's statement exists only with MusicBucketName (`!If`).
    let (conditional, tables): (Vec<&Value>, Vec<&Value>) = statements
        .iter()
        .partition(|s| matches!(s, Value::Tagged(_)));
    assert_eq!(
        conditional.len(),
        1,
        "one conditional statement: {conditional:?}"
    );
    let Value::Tagged(music) = conditional[0] else {
        unreachable!("partitioned on Tagged")
    };
    assert_eq!(music.tag.to_string(), "!If");
    let branches = music.value.as_sequence().unwrap();
    assert_eq!(branches[0], "HasMusicBucket");
    assert_eq!(
        template["Conditions"]["HasMusicBucket"],
        serde_yaml::from_str::<Value>("!Not [!Equals [!Ref MusicBucketName, \"\"]]").unwrap()
    );
    let read_music = &branches[1];
    assert_eq!(read_music["Effect"], "Allow");
    assert_eq!(
        read_music["Action"],
        serde_yaml::from_str::<Value>("[s3:GetObject]").unwrap(),
        "only reading objects"
    );
    assert_eq!(
        intrinsic(&read_music["Resource"]),
        Some((
            "Sub".to_string(),
            "arn:${AWS::Partition}:s3:::${MusicBucketName}/*".to_string()
        )),
        "that bucket's objects only"
    );
    assert_eq!(
        intrinsic(&branches[2]),
        Some(("Ref".into(), "AWS::NoValue".into()))
    );
    let variables = &function(&template)["Properties"]["Environment"]["Variables"];
    assert_eq!(
        intrinsic(&variables["MUSIC_BUCKET"]),
        Some(("Ref".into(), "MusicBucketName".into()))
    );
    // Issue 17: the allow-list is a parameter, open by default, and only
    // the two values the skill accepts (a typo would refuse to start).
    assert_eq!(
        intrinsic(&variables["LISTENERS"]),
        Some(("Ref".into(), "Listeners".into()))
    );
    let listeners = &template["Parameters"]["Listeners"];
    assert_eq!(listeners["Default"], "open");
    let allowed: Vec<&str> = listeners["AllowedValues"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(allowed, ["open", "allow-list"]);
    for value in allowed {
        jukebox::listeners::ListenerPolicy::parse(value).unwrap();
    }

    let mut grants: Vec<(String, Vec<String>)> = tables
        .iter()
        .map(|statement| {
            assert_eq!(statement["Effect"], "Allow");
            let (kind, target) = intrinsic(&statement["Resource"])
                .unwrap_or_else(|| panic!("resource is not one table: {statement:?}"));
            assert_eq!(kind, "GetAtt");
            let mut actions: Vec<String> = statement["Action"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect();
            actions.sort();
            (target, actions)
        })
        .collect();
    grants.sort();
    let strings = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        grants,
        vec![
            (
                "CatalogTable.Arn".to_string(),
                strings(&[
                    "dynamodb:BatchGetItem",
                    "dynamodb:GetItem",
                    "dynamodb:Query"
                ])
            ),
            (
                "PlaybackTable.Arn".to_string(),
                strings(&[
                    "dynamodb:BatchGetItem",
                    "dynamodb:DeleteItem",
                    "dynamodb:GetItem",
                    "dynamodb:PutItem",
                    "dynamodb:UpdateItem"
                ])
            ),
        ]
    );
}

#[test]
fn outputs_name_what_the_deploy_guide_uses() {
    let template = template();
    let outputs = &template["Outputs"];
    assert_eq!(
        intrinsic(&outputs["JukeboxFunctionArn"]["Value"]),
        Some(("GetAtt".into(), "JukeboxFunction.Arn".into()))
    );
    assert_eq!(
        intrinsic(&outputs["CatalogTableName"]["Value"]),
        Some(("Ref".into(), "CatalogTable".into()))
    );
    assert_eq!(
        intrinsic(&outputs["PlaybackTableName"]["Value"]),
        Some(("Ref".into(), "PlaybackTable".into()))
    );
    assert_eq!(
        intrinsic(&outputs["LogGroupName"]["Value"]),
        Some(("Ref".into(), "JukeboxLogGroup".into()))
    );
}
