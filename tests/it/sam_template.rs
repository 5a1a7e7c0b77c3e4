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
    // The allow-list is a parameter, open by default, and only
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
    // Autoplay is a parameter, off by default, with exactly the values
    // the skill accepts.
    assert_eq!(
        intrinsic(&variables["AUTOPLAY"]),
        Some(("Ref".into(), "Autoplay".into()))
    );
    let autoplay = &template["Parameters"]["Autoplay"];
    assert_eq!(autoplay["Default"], "off");
    let allowed: Vec<&str> = autoplay["AllowedValues"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(allowed, ["off", "similar"]);
    for value in allowed {
        let settings = jukebox::settings::Settings::from_lookup(|name| {
            (name == "AUTOPLAY").then(|| value.into())
        });
        settings.autoplay.unwrap();
    }
    // The catalog cache's time to live, within what the skill accepts.
    assert_eq!(
        intrinsic(&variables["CATALOG_CACHE_SECONDS"]),
        Some(("Ref".into(), "CatalogCacheSeconds".into()))
    );
    let cache = &template["Parameters"]["CatalogCacheSeconds"];
    assert_eq!(
        (
            cache["Default"].as_u64(),
            cache["MinValue"].as_u64(),
            cache["MaxValue"].as_u64()
        ),
        (
            Some(jukebox::catalog::cache::DEFAULT_TTL.as_secs()),
            Some(0),
            Some(jukebox::catalog::cache::MAX_TTL.as_secs())
        )
    );

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

// Alarms and a dashboard on the metrics the function writes.

/// The metric names and dimension sets of an EMF record in which every
/// metric the skill writes is present.
fn emitted_metrics() -> (Vec<String>, serde_json::Value) {
    let metrics = jukebox::metrics::RequestMetrics {
        request_type: "LaunchRequest",
        handler_ms: 1.0,
        store: jukebox::metrics::StoreCalls {
            count: 1,
            total_ms: 1.0,
            max_ms: 1.0,
            errors: 0,
        },
        ..Default::default()
    };
    let record = jukebox::metrics::emf_record(&metrics, "f", 0);
    let directive = &record["_aws"]["CloudWatchMetrics"][0];
    assert_eq!(directive["Namespace"], jukebox::metrics::NAMESPACE);
    let names = directive["Metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Name"].as_str().unwrap().to_string())
        .collect();
    (names, directive["Dimensions"].clone())
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

/// The template's alarms, by logical id.
fn alarms(template: &Value) -> Vec<(String, &Value)> {
    template["Resources"]
        .as_mapping()
        .unwrap()
        .iter()
        .filter(|(_, resource)| resource["Type"] == "AWS::CloudWatch::Alarm")
        .map(|(id, resource)| (id.as_str().unwrap().to_string(), &resource["Properties"]))
        .collect()
}

#[test]
fn alarms_watch_the_function_and_the_metrics_it_writes() {
    let template = template();
    let (emitted, dimension_sets) = emitted_metrics();
    let alarms = alarms(&template);
    let mut ids: Vec<&str> = alarms.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        [
            "DynamoDbErrorsAlarm",
            "FunctionErrorsAlarm",
            "HandlerLatencyAlarm"
        ]
    );
    let alarm = |id: &str| alarms.iter().find(|(i, _)| i == id).unwrap().1;
    let function_name = yaml("!Ref JukeboxFunction");

    // Lambda's own Errors: any failed invocation in 5 minutes.
    let errors = alarm("FunctionErrorsAlarm");
    assert_eq!(errors["Namespace"], "AWS/Lambda");
    assert_eq!(errors["MetricName"], "Errors");
    assert_eq!(errors["Dimensions"][0]["Name"], "FunctionName");
    assert_eq!(errors["Dimensions"][0]["Value"], function_name);
    assert_eq!(errors["Dimensions"].as_sequence().unwrap().len(), 1);
    assert_eq!(errors["Statistic"], "Sum");
    assert_eq!(errors["Period"].as_u64(), Some(300));
    assert_eq!(errors["Threshold"].as_f64(), Some(1.0));
    assert_eq!(
        errors["ComparisonOperator"],
        "GreaterThanOrEqualToThreshold"
    );

    // The skill's own metrics: the namespace, names and the Function-only
    // dimension set the EMF records carry, the function named as Lambda
    // names it (`!Ref` of the function is its name).
    assert_eq!(dimension_sets[0], serde_json::json!(["Function"]));
    for id in ["DynamoDbErrorsAlarm", "HandlerLatencyAlarm"] {
        let props = alarm(id);
        assert_eq!(props["Namespace"], jukebox::metrics::NAMESPACE, "{id}");
        let name = props["MetricName"].as_str().unwrap();
        assert!(
            emitted.iter().any(|e| e == name),
            "{id}: {name} is not written"
        );
        let dimensions = props["Dimensions"].as_sequence().unwrap();
        assert_eq!(dimensions.len(), 1, "{id}");
        assert_eq!(dimensions[0]["Name"], "Function", "{id}");
        assert_eq!(dimensions[0]["Value"], function_name, "{id}");
        assert_eq!(
            props["TreatMissingData"], "notBreaching",
            "{id}: no traffic is fine"
        );
        assert_eq!(props["Period"].as_u64(), Some(300), "{id}");
    }

    let dynamodb = alarm("DynamoDbErrorsAlarm");
    assert_eq!(dynamodb["MetricName"], "DynamoDbErrors");
    assert_eq!(dynamodb["Statistic"], "Sum");
    assert_eq!(dynamodb["Threshold"].as_f64(), Some(5.0));
    assert_eq!(
        dynamodb["ComparisonOperator"],
        "GreaterThanOrEqualToThreshold"
    );

    let latency = alarm("HandlerLatencyAlarm");
    assert_eq!(latency["MetricName"], "HandlerLatency");
    assert_eq!(latency["ExtendedStatistic"], "p99");
    assert!(
        latency["Statistic"].is_null(),
        "a percentile, not a statistic"
    );
    assert_eq!(latency["EvaluationPeriods"].as_u64(), Some(3));
    assert_eq!(latency["DatapointsToAlarm"].as_u64(), Some(3));
    assert_eq!(latency["ComparisonOperator"], "GreaterThanThreshold");
    let threshold = latency["Threshold"].as_f64().unwrap();
    assert!(
        (100.0..8000.0).contains(&threshold),
        "milliseconds, under Alexa's 8 s: {threshold}"
    );
}

#[test]
fn alarms_notify_the_optional_topic() {
    let template = template();
    let parameter = &template["Parameters"]["AlarmTopicArn"];
    assert_eq!(parameter["Type"], "String");
    assert_eq!(parameter["Default"], "", "optional: no topic by default");
    let pattern = parameter["AllowedPattern"].as_str().unwrap();
    assert!(pattern.starts_with("^$|"), "empty is allowed: {pattern}");
    assert!(pattern.contains(":sns:"), "an SNS topic ARN: {pattern}");
    assert_eq!(
        template["Conditions"]["HasAlarmTopic"],
        yaml("!Not [!Equals [!Ref AlarmTopicArn, \"\"]]")
    );
    let actions = yaml("!If [HasAlarmTopic, [!Ref AlarmTopicArn], !Ref AWS::NoValue]");
    for (id, props) in alarms(&template) {
        assert_eq!(props["AlarmActions"], actions, "{id}");
        assert_eq!(props["OKActions"], actions, "{id}");
    }
}

/// A `!Sub` string with its variables replaced: the function by
/// `FUNCTION`, the region by `REGION`, `X.Arn` by `arn:X` (X must be a
/// resource of the template), `${!…}` by the literal `${…}`.
fn substitute(template: &Value, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('}').expect("an unclosed ${") + start;
        let name = &rest[start + 2..end];
        match name {
            "JukeboxFunction" => out.push_str("FUNCTION"),
            "AWS::Region" => out.push_str("REGION"),
            literal if literal.starts_with('!') => {
                out.push_str("${");
                out.push_str(&literal[1..]);
                out.push('}');
            }
            attribute if attribute.ends_with(".Arn") => {
                let resource = attribute.trim_end_matches(".Arn");
                assert!(
                    !template["Resources"][resource].is_null(),
                    "no resource {resource}"
                );
                out.push_str(&format!("arn:{resource}"));
            }
            other => panic!("unexpected variable ${{{other}}}"),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_dashboard_shows_every_metric_the_skill_writes() {
    let template = template();
    let (emitted, dimension_sets) = emitted_metrics();
    let dashboard = &template["Resources"]["JukeboxDashboard"];
    assert_eq!(dashboard["Type"], "AWS::CloudWatch::Dashboard");
    let (kind, body) = intrinsic(&dashboard["Properties"]["DashboardBody"]).unwrap();
    assert_eq!(kind, "Sub");
    let body: serde_json::Value = serde_json::from_str(&substitute(&template, &body))
        .unwrap_or_else(|e| panic!("the dashboard body is not JSON: {e}"));

    let mut jukebox_metrics = std::collections::BTreeSet::new();
    let mut lambda_metrics = std::collections::BTreeSet::new();
    let mut latency_stats = Vec::new();
    let mut searches = Vec::new();
    let mut alarm_arns = Vec::new();
    for widget in body["widgets"].as_array().unwrap() {
        let props = &widget["properties"];
        match widget["type"].as_str().unwrap() {
            "alarm" => alarm_arns.extend(
                props["alarms"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| a.as_str().unwrap().to_string()),
            ),
            "metric" => {
                assert_eq!(props["region"], "REGION", "{widget}");
                for row in props["metrics"].as_array().unwrap() {
                    let row = row.as_array().unwrap();
                    if let Some(expression) = row[0]["expression"].as_str() {
                        searches.push(expression.to_string());
                        continue;
                    }
                    let fields: Vec<&str> = row.iter().filter_map(|f| f.as_str()).collect();
                    let options = row.last().filter(|o| o.is_object());
                    let (namespace, name, dimensions) = (fields[0], fields[1], &fields[2..]);
                    match namespace {
                        ns if ns == jukebox::metrics::NAMESPACE => {
                            assert_eq!(dimensions, ["Function", "FUNCTION"], "{name}");
                            jukebox_metrics.insert(name.to_string());
                            if name == "HandlerLatency" {
                                latency_stats.push(options.unwrap()["stat"].clone());
                            }
                        }
                        "AWS/Lambda" => {
                            assert_eq!(dimensions, ["FunctionName", "FUNCTION"], "{name}");
                            lambda_metrics.insert(name.to_string());
                        }
                        other => panic!("unexpected namespace {other}"),
                    }
                }
            }
            other => panic!("unexpected widget type {other}"),
        }
    }

    // Exactly the metrics the EMF records carry, by the names they carry.
    let emitted: std::collections::BTreeSet<String> = emitted.into_iter().collect();
    assert_eq!(jukebox_metrics, emitted);
    assert_eq!(
        latency_stats,
        [serde_json::json!("p50"), serde_json::json!("p99")]
    );
    for name in ["Errors", "Throttles", "Duration"] {
        assert!(lambda_metrics.contains(name), "Lambda {name}");
    }

    // Requests by type: a search over the Function × RequestType set.
    assert_eq!(
        dimension_sets[1],
        serde_json::json!(["Function", "RequestType"])
    );
    assert_eq!(searches.len(), 1, "{searches:?}");
    let search = &searches[0];
    let schema = format!("{{{},Function,RequestType}}", jukebox::metrics::NAMESPACE);
    assert!(search.starts_with("SEARCH('"), "{search}");
    assert!(search.contains(&schema), "{search}");
    assert!(search.contains("MetricName=\"Requests\""), "{search}");
    assert!(search.contains("Function=\"FUNCTION\""), "{search}");

    // And the alarms' states.
    let mut ids: Vec<String> = alarms(&template)
        .into_iter()
        .map(|(id, _)| format!("arn:{id}"))
        .collect();
    ids.sort();
    alarm_arns.sort();
    assert_eq!(alarm_arns, ids);

    assert_eq!(
        intrinsic(&template["Outputs"]["DashboardName"]["Value"]),
        Some(("Ref".into(), "JukeboxDashboard".into()))
    );
}

/// The metric records carry no log level, which Lambda reads as INFO: a
/// LogLevel above INFO would drop them, so the template offers none.
#[test]
fn the_log_level_never_drops_the_metric_records() {
    let template = template();
    let allowed: Vec<&str> = template["Parameters"]["LogLevel"]["AllowedValues"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(allowed, ["TRACE", "DEBUG", "INFO"]);
    let line =
        jukebox::metrics::emf_record(&jukebox::metrics::RequestMetrics::default(), "jukebox", 0);
    assert!(line.get("level").is_none(), "{line}");
}

/// Favourites and the allow-list are the listeners' and the owner's own
/// data, not re-importable: their table outlives `sam delete` and a
/// replacement, with point-in-time recovery. The catalog table is rebuilt
/// by `catalog import` from the owner's file and goes with the stack.
#[test]
fn the_playback_table_survives_the_stack_and_can_be_restored() {
    let template = template();
    let playback = &template["Resources"]["PlaybackTable"];
    assert_eq!(playback["DeletionPolicy"].as_str(), Some("Retain"));
    assert_eq!(playback["UpdateReplacePolicy"].as_str(), Some("Retain"));
    assert_eq!(
        playback["Properties"]["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"]
            .as_bool(),
        Some(true)
    );
    let catalog = &template["Resources"]["CatalogTable"];
    assert!(catalog.get("DeletionPolicy").is_none());
    assert!(catalog["Properties"]
        .get("PointInTimeRecoverySpecification")
        .is_none());
}
