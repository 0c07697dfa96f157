//! The benchmark binary runs end to end (tiny sizes) and prints every figure.

use harper_tests::bin;
use serde_json::Value;

#[test]
fn the_benchmark_smoke_run_prints_every_figure() {
    let out = std::process::Command::new(bin("harper-bench"))
        .arg("--smoke")
        .env("HARPER_BIN", bin("harper"))
        .env("HARPERD_BIN", bin("harperd"))
        .output()
        .expect("run harper-bench");
    assert!(
        out.status.success(),
        "harper-bench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    for mode in ["default", "fsync"] {
        let m = &v[mode];
        assert!(m["sled_ceiling_rec_per_s"].as_f64() > Some(0.0), "{m}");
        for case in [
            "batch100_1_client",
            "batch100_4_clients",
            "single_1_client",
            "single_8_clients",
        ] {
            let c = &m["replicated_throughput"][case];
            assert!(c["rec_per_s"].as_f64() > Some(0.0), "{case}: {c}");
            assert!(
                c["ratio_to_sled_ceiling"].as_f64() > Some(0.0),
                "{case}: {c}"
            );
        }
        for q in ["p50", "p90", "p99", "max"] {
            assert!(m["latency_ms"][q].as_f64() > Some(0.0), "{q}: {m}");
        }
        assert!(m["catch_up"][0]["rec_per_s"].as_f64() > Some(0.0), "{m}");
        assert!(m["rss"]["idle"]["a_mib"].as_f64() > Some(0.0), "{m}");
    }
    assert!(
        v["default"]["cli"]["route_list"]["median_ms"].as_f64() > Some(0.0),
        "{v}"
    );
    assert!(
        v["default"]["link_up"]["median_ms"].as_f64() > Some(0.0),
        "{v}"
    );
    assert!(v["start"]["median_ms"].as_f64() > Some(0.0), "{v}");
    // The mesh part's smoke size: 2 hubs and 3 spokes, one frozen and thawed, one killed.
    let m = &v["mesh"]["meshed_hubs"];
    assert_eq!(m["converged_after_last_route"]["nodes"], 5, "{m}");
    assert!(m["idle"]["rss_mib_sum"].as_f64() > Some(0.0), "{m}");
    assert_eq!(m["under_cpu_load"]["link_ends"], 8, "{m}");
    assert_eq!(m["sigstopped_spoke"]["seen_down_by_all"]["nodes"], 4, "{m}");
    assert_eq!(
        m["sigstopped_spoke"]["back_after_sigcont"]["nodes"], 5,
        "{m}"
    );
    assert_eq!(m["killed_spoke"]["gone_from_all"]["nodes"], 4, "{m}");
    let p = &m["publish"];
    assert_eq!(p["subscribers"], 3, "{p}");
    for s in p["lag_ms"]["sampled"]
        .as_array()
        .expect("sampled subscribers")
    {
        assert_eq!(s["missing"], 0, "{p}");
    }
    assert!(p["lag_ms"]["p99"].as_f64() > Some(0.0), "{p}");
    assert!(p["catch_up"]["rec_per_s"].as_f64() > Some(0.0), "{p}");
}
