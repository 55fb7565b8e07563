//! The deterministic corpus: realistic enterprise declarations and project applications for the
//! Jingzhou plan, streamed one at a time, with a planted share of violations and reviews.
//!
//! Clean documents follow `examples/*-clean.yaml`; a "dirty" document gets one to three planted
//! defects aimed at the rules the Rego peer encodes (and, through them, others), sometimes with a
//! justification so that in-principle rules give `review`, sometimes at a boundary (exactly
//! 20 t/h, 150 萬噸/年, 20 輛次/日) so that the plan's readings give `review`.

use crate::rng::Rng;
use crate::tree::{Node, boolean, int, s, text};
use serde_json::json;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Project,
    Enterprise,
}

/// One generated submission, in both spellings.
pub struct Generated {
    pub index: u64,
    pub kind: Kind,
    /// The YAML file planlint checks.
    pub yaml: String,
    /// The Rego input: `{"check_date": "YYYY-MM-DD", "document": {…}}`, numbers in base units.
    pub input: serde_json::Value,
    /// Whether defects were planted (for the generator's own statistics only).
    pub dirty: bool,
}

/// Share of documents that get planted defects. Some defects only give `review` or, before a
/// deadline, `advice`, so the share with a violation ends up lower (about 30%).
const DIRTY_SHARE: f64 = 0.42;

/// Streams `n` documents; document `i` depends only on `(seed, i)`, so workers can split ranges.
pub fn corpus(seed: u64, n: u64) -> impl Iterator<Item = Generated> {
    (0..n).map(move |i| generate(seed, i))
}

pub fn generate(seed: u64, index: u64) -> Generated {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
    rng.next_u64();
    let dirty = rng.chance(DIRTY_SHARE);
    let kind = if rng.chance(0.6) {
        Kind::Enterprise
    } else {
        Kind::Project
    };
    let mut g = Gen {
        rng,
        index,
        justifications: Vec::new(),
    };
    let (mut root, date) = match kind {
        Kind::Enterprise => g.enterprise(dirty),
        Kind::Project => g.project(dirty),
    };
    if !g.justifications.is_empty() {
        let items = std::mem::take(&mut g.justifications)
            .into_iter()
            .map(|(rule, reason)| {
                let mut j = Node::map();
                j.set("rule", text(rule)).set("reason", text(reason));
                if g.rng.chance(0.6) {
                    let approval = format!("荆发改审批〔{}〕{}号", date.0, g.rng.range(1, 300));
                    j.set("approval", text(approval));
                }
                j
            })
            .collect();
        root.set("justifications", Node::List(items));
    }
    let mut yaml = String::with_capacity(4096);
    if g.rng.chance(0.5) {
        yaml.push_str("# 生成的申报材料(基准测试语料)\n");
    }
    root.to_yaml(&mut yaml);
    let input = json!({ "check_date": iso(date), "document": root.to_json() });
    Generated {
        index,
        kind,
        yaml,
        input,
        dirty,
    }
}

type Ymd = (i32, u32, u32);

struct Gen {
    rng: Rng,
    index: u64,
    justifications: Vec<(&'static str, &'static str)>,
}

const COUNTIES: [(&str, bool); 8] = [
    ("沙市区", true),
    ("荆州区", true),
    ("江陵县", false),
    ("松滋市", false),
    ("公安县", false),
    ("石首市", false),
    ("监利市", false),
    ("洪湖市", false),
];
const FIRMS: [&str; 10] = [
    "楚鑫",
    "江南",
    "华联",
    "鑫达",
    "荆楚",
    "长江",
    "沙隆达",
    "恒泰",
    "金源",
    "宏图",
];
const PRODUCTS: [&str; 8] = [
    "汽车零部件",
    "精细化工",
    "纸制品",
    "新型建材",
    "包装材料",
    "食品加工",
    "仓储物流",
    "机械装备",
];

/// ISO date for JSON.
fn iso((y, m, d): Ymd) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil(days: i64) -> Ymd {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// 2024-11-15 as days since 1970-01-01; the corpus spans about two years from there.
const FIRST_DAY: i64 = 20_042;

impl Gen {
    fn date(&mut self) -> Ymd {
        civil(FIRST_DAY + self.rng.range(0, 700) as i64)
    }

    /// Both notations the submissions guide allows.
    fn date_node(&mut self, d: Ymd) -> Node {
        let yaml = if self.rng.chance(0.6) {
            format!("{}年{}月{}日", d.0, d.1, d.2)
        } else {
            iso(d)
        };
        s(yaml, iso(d))
    }

    fn b(&mut self, v: bool) -> Node {
        // Mostly true/false; sometimes 是/否, which the guide allows.
        if self.rng.chance(0.1) {
            s(if v { "是" } else { "否" }, v)
        } else {
            boolean(v)
        }
    }

    /// A boiler capacity given in tenths of t/h, written in t/h, 蒸吨/小时 or MW (exactly
    /// 0.07 MW per tenth), and given to Rego in t/h.
    fn capacity(&mut self, tenths: u64) -> Node {
        let th = tenths as f64 / 10.0;
        let yaml = match self.rng.below(4) {
            0 => format!("{}蒸吨/小时", fmt_tenths(tenths)),
            1 => format!("{} t/h", fmt_tenths(tenths)),
            2 => format!("{}蒸吨", fmt_tenths(tenths)),
            _ => format!("{} MW", fmt_hundredths(tenths * 7)),
        };
        s(yaml, th)
    }

    fn site(&mut self, builtup: Option<bool>, no_burn: bool) -> Node {
        let (county, urban) = *self.rng.pick(&COUNTIES);
        let level = if urban {
            ("地级市", "prefecture")
        } else {
            *self.rng.pick(&[("县级市", "county"), ("县城", "county")])
        };
        let builtup = builtup.unwrap_or_else(|| self.rng.chance(0.4));
        let mut site = Node::map();
        site.set("county", text(county))
            .set("city_level", s(level.0, level.1))
            .set("in_builtup_area", boolean(builtup))
            .set("in_no_burn_zone", boolean(no_burn))
            .set("in_park_or_surrounding", boolean(self.rng.chance(0.5)))
            .set("in_central_heating_coverage", boolean(false))
            .set("in_focus_park", boolean(false));
        site
    }

    fn firm(&mut self, suffix: &str) -> String {
        format!(
            "荆州市{}{}{}有限公司{}{}",
            self.rng.pick(&FIRMS),
            self.rng.pick(&PRODUCTS),
            self.index % 97,
            suffix,
            self.index
        )
    }

    fn registration(&mut self, year: i32) -> Node {
        text(format!(
            "鄂D-F{}-{:05}",
            year - self.rng.range(0, 4) as i32,
            self.rng.range(1, 99_999)
        ))
    }

    // ------------------------------------------------------------------------------------------
    // Enterprise declarations

    fn enterprise(&mut self, dirty: bool) -> (Node, Ymd) {
        let date = self.date();
        let mut defects = Vec::new();
        if dirty {
            for _ in 0..self.rng.range(1, 3) {
                defects.push(self.rng.below(9));
            }
        }
        let has = |d: u64| defects.contains(&d);
        let sectors = [
            ("其他", "other_sector"),
            ("化工", "chemical"),
            ("造纸", "paper"),
            ("印刷", "printing"),
            ("物流园区", "logistics_park"),
            ("建材", "building_materials"),
        ];
        let sector = *self.rng.pick(&sectors);
        let no_burn = has(7);
        let mut doc = Node::map();
        doc.set("kind", text("enterprise"))
            .set("plan", text("jingzhou-2024"))
            .set("declared_on", self.date_node(date))
            .set("reporting_year", int(date.0 as u64 - 1))
            .set("name", text(self.firm("")))
            .set("sector", s(sector.0, sector.1));
        let mut site = self.site(None, no_burn);
        // Jingzhou has not met the PM2.5 standard in recent years; a few declarations say it has.
        site.set("city_pm25_attaining", boolean(self.rng.chance(0.15)));
        if no_burn {
            // Using coal in the no-burn zone is allowed until the county's conversion deadline,
            // which the coal-ban rules need to decide; it falls both before and after the
            // declaration dates.
            let deadlines: [Ymd; 3] = [(2025, 6, 30), (2025, 12, 31), (2026, 6, 30)];
            let deadline = *self.rng.pick(&deadlines);
            site.set("conversion_deadline", self.date_node(deadline));
        }
        let key_polluter = self.rng.chance(0.5);
        doc.set("site", site)
            .set("key_air_enterprise", boolean(true))
            .set("key_polluter", boolean(key_polluter))
            .set("perf_grade", s("B级", "grade_b"));

        // Equipment: allowed or encouraged, in service.
        let equipment = (0..self.rng.range(1, 12))
            .map(|i| {
                let mut e = Node::map();
                let class = *self
                    .rng
                    .pick(&[("允许类", "unlisted"), ("鼓励类", "encouraged")]);
                e.set("name", text(format!("{}号生产装置", i + 1)))
                    .set("catalogue_class", s(class.0, class.1))
                    .set("status", s("运行", "operating"))
                    .set("emits_air", boolean(self.rng.chance(0.5)));
                e
            })
            .collect();
        doc.set("equipment", Node::List(equipment));
        // Brick works cluster around clay pits, so only building-materials firms are sometimes
        // in a small foundry or brick cluster; those are being rectified on site or moved.
        let in_cluster = sector.1 == "building_materials" && self.rng.chance(0.2);
        doc.set("in_cluster", boolean(in_cluster));
        if in_cluster {
            let action = *self
                .rng
                .pick(&[("综合整治", "rectified"), ("搬迁入园", "relocated_to_park")]);
            doc.set("cluster_action", s(action.0, action.1));
        }
        let fuels = if no_burn {
            vec![s("原煤", "raw_coal"), s("电力", "electricity")]
        } else {
            vec![s("天然气", "natural_gas"), s("电力", "electricity")]
        };
        doc.set("fuels_used", Node::List(fuels));
        // Logistics parks sometimes trade coal, under a licence that covers it; none does so
        // inside the no-burn zone, where the sale would be a defect nobody planted.
        let coal_share = if sector.1 == "logistics_park" {
            0.25
        } else {
            0.02
        };
        let sells_coal = !no_burn && self.rng.chance(coal_share);
        doc.set("sells_coal", boolean(sells_coal));
        if sells_coal {
            let licence = format!("91421000MA4{:07}", self.rng.range(1, 9_999_999));
            doc.set("business_licence", text(licence))
                .set("licence_covers_coal", boolean(true));
        }

        // Boilers: gas boilers with low-NOx burners, and (in the coal-elimination scope) small
        // coal boilers that are already eliminated.
        let mut boilers = Vec::new();
        for i in 0..self.rng.size(12) {
            let tenths = self.rng.range(10, 200);
            boilers.push(self.gas_boiler(i, tenths, true));
        }
        if self.rng.chance(0.3) || has(0) {
            // In-scope coal boilers of 10 t/h or less; a defect leaves some in service. With many
            // eliminated and one left, the residual share is within the 5% tolerance (review).
            let scope = if self.rng.chance(0.3) {
                self.rng.range(20, 40)
            } else {
                self.rng.range(1, 6)
            };
            let remaining = if has(0) {
                if scope >= 20 {
                    1
                } else {
                    self.rng.range(1, scope)
                }
            } else {
                0
            };
            for i in 0..scope {
                let mut b = Node::map();
                let tenths = self.rng.range(5, 100);
                let in_service = i < remaining;
                let status = if in_service {
                    s("运行", "operating")
                } else {
                    self.rng
                        .pick(&[s("已淘汰", "eliminated"), s("已拆除", "eliminated")])
                        .clone()
                };
                b.set("name", text(format!("{}号燃煤锅炉", i + 1)))
                    .set("fuel", s("燃煤", "raw_coal"))
                    .set("capacity", self.capacity(tenths))
                    .set("status", status)
                    .set("self_built", boolean(true))
                    .set("small_boiler", boolean(false));
                if in_service {
                    // The planted defect is the boiler left in service, not a missing retrofit.
                    b.set("ule_completed", boolean(true));
                }
                boilers.push(b);
            }
        }
        if has(5) {
            let tenths = *self.rng.pick(&[100, 150, 200]);
            boilers.push(self.gas_boiler(boilers.len(), tenths, false));
        }
        doc.set("boilers", Node::List(boilers));
        let mut kiln = Node::map();
        kiln.set("name", text("1号烘干炉"))
            .set("fuel", s("天然气", "natural_gas"))
            .set("status", s("运行", "operating"));
        doc.set("kilns", Node::List(vec![kiln]));

        // Vehicles: China VI diesel or electric trucks, old China III trucks scrapped.
        let mut vehicles = Vec::new();
        // One declaration in seven is from a large fleet operator; the rest have a few trucks.
        let fleet = if self.rng.chance(0.15) { 150 } else { 20 };
        for i in 0..self.rng.size(fleet) {
            vehicles.push(self.truck(i, false));
        }
        if has(1) {
            let n = self.rng.range(1, 3);
            for i in 0..n {
                vehicles.push(self.truck(1000 + i as usize, true));
            }
        }
        if has(8) {
            // Not a peer rule: an OBD-disabled truck (JZ-VEH-EMISSION-TAMPERING).
            let mut t = self.truck(2000, false);
            *t.get_mut("obd_disabled")
                .expect("trucks carry obd_disabled") = boolean(true);
            vehicles.push(t);
        }
        doc.set("bulk_transport", boolean(false))
            .set("vehicles", Node::List(vehicles));

        // Machines: up to hundreds, registered, Stage III/IV; Stage I ones scrapped.
        let mut machines = Vec::new();
        let yard = if self.rng.chance(0.15) { 400 } else { 30 };
        for i in 0..self.rng.size(yard) {
            machines.push(self.machine(i, date.0, false));
        }
        if has(2) {
            // A Stage I machine still in service; among many it is within the tolerance.
            let many = self.rng.chance(0.4);
            let scrapped = if many {
                self.rng.range(20, 40)
            } else {
                self.rng.range(0, 3)
            };
            for i in 0..scrapped {
                let mut m = self.machine(2000 + i as usize, date.0, false);
                *m.get_mut("emission_stage").expect("machines carry a stage") =
                    s("第一阶段", "stage1");
                *m.get_mut("status").expect("machines carry a status") = s("已报废", "eliminated");
                machines.push(m);
            }
            let mut m = self.machine(3000, date.0, false);
            *m.get_mut("emission_stage").expect("machines carry a stage") = s("第一阶段", "stage1");
            machines.push(m);
        }
        if has(3) {
            let at = self.rng.below(machines.len() as u64 + 1) as usize;
            machines.insert(at, self.machine(4000, date.0, true));
        }
        doc.set("machines", Node::List(machines));

        // Vessels: new official vessels are electric or LNG.
        let mut vessels = Vec::new();
        for i in 0..self.rng.size(3) {
            let mut v = Node::map();
            let prop = *self
                .rng
                .pick(&[("纯电动", "battery_electric"), ("液化天然气", "lng")]);
            v.set("name", text(format!("荆环{}号", i + 1)))
                .set("use", s("公务船", "official_vessel"))
                .set("is_new", boolean(true))
                .set("propulsion", s(prop.0, prop.1));
            vessels.push(v);
        }
        if has(6) {
            let mut v = Node::map();
            v.set("name", text("荆港保障9号"))
                .set("use", s("支持保障船", "support_vessel"))
                .set("is_new", boolean(true))
                .set("propulsion", s("柴油", "diesel"));
            vessels.push(v);
            if self.rng.chance(0.4) {
                self.justifications.push((
                    "JZ-VESSEL-OFFICIAL-ELECTRIC-LNG",
                    "长江航段LNG加注站尚未建成,电动船续航不足以覆盖应急保障航线",
                ));
            }
        }
        doc.set("vessels", Node::List(vessels));

        // Truck traffic and the gate system of key vehicle users (20 trips a day or more).
        let trips = if has(4) {
            if self.rng.chance(0.3) {
                20
            } else {
                self.rng.range(21, 300)
            }
        } else {
            self.rng.range(2, 300)
        };
        doc.set(
            "daily_truck_trips",
            s(
                format!(
                    "{trips}{}",
                    self.rng.pick(&["辆次/日", "车次/天", " trips/d"])
                ),
                trips,
            ),
        );
        let mut gate = Node::map();
        let built = !has(4);
        gate.set("installed", boolean(built));
        if built {
            let done = (2024, 11, self.rng.range(1, 28) as u32);
            gate.set("completed_on", self.date_node(done));
        }
        gate.set("video_installed", boolean(built))
            .set("connected_provincial", boolean(built))
            .set("connected_municipal", boolean(built));
        doc.set("gate", gate)
            .set("green_transport_agreement", boolean(true));

        if sector.1 == "printing" {
            doc.set("standard_upgrade_done", boolean(true))
                .set("stable_compliance", boolean(true));
        }
        self.vocs_and_odour(&mut doc, sector.1, key_polluter, date.0 as u64 - 1);

        // A simple-process firm puts up the public signboard instead of a one-plant-one-policy
        // scheme; the others keep the scheme.
        let simple = self.rng.chance(0.1);
        let mut emergency = Node::map();
        emergency
            .set("on_list", boolean(true))
            .set("simple_process", boolean(simple))
            .set("measure", s("限产", "partial_limit"));
        if simple {
            emergency.set("signboard", boolean(true));
        }
        emergency
            .set("one_plant_one_policy", boolean(true))
            .set("policy_implemented", boolean(true))
            .set("noncompliance_found", boolean(false));
        doc.set("emergency", emergency);
        let (monitored, verified) = *self.rng.pick(&[
            ("用电监控", "用电记录"),
            ("在线监测", "DCS运行记录"),
            ("视频监控", "生产台账"),
        ]);
        let mut measure = Node::map();
        measure
            .set("description", text("橙色预警期间主要产污工序限产50%"))
            .set("target", text("1号生产线"))
            .set("monitored_by", text(monitored))
            .set("verified_by", text(verified))
            .set("operable", boolean(true))
            .set("monitorable", boolean(true))
            .set("verifiable", boolean(true));
        doc.set("emergency_measures", Node::List(vec![measure]));
        let mut monitoring = Node::map();
        let rate = self.rng.range(800, 1000);
        monitoring
            .set("workcond", boolean(true))
            .set("power_use", boolean(true))
            .set("video", boolean(true))
            .set("platform_connected", boolean(true))
            .set("cems_installed", boolean(true))
            .set("cems_connected_provincial", boolean(true))
            .set(
                "capture_rate",
                s(format!("{}%", fmt_tenths(rate)), rate as f64 / 1000.0),
            )
            .set("maintenance_log", boolean(true))
            .set("quarters_in_period", int(4))
            .set("quarters_self_checked", int(4));
        doc.set("monitoring", monitoring)
            .set("sells_nonstandard_fuel", boolean(false));

        // Facts the national plan asks of every enterprise. The answers that would themselves be
        // breaches (exceedances, withheld disclosures) are left to the planted defects.
        let wastewater = match sector.1 {
            "chemical" => 0.8,
            "paper" => 0.6,
            "printing" => 0.2,
            _ => 0.05,
        };
        let wastewater = self.rng.chance(wastewater);
        doc.set("wastewater_vocs", boolean(wastewater));
        if wastewater {
            doc.set("wwtp_offgas_separate", boolean(true))
                .set("wastewater_offgas_enclosed", boolean(true));
        }
        let flare = sector.1 == "chemical" && self.rng.chance(0.3);
        doc.set("has_flare", boolean(flare));
        if flare {
            doc.set("flare_routine_use", boolean(false));
        }
        doc.set("emission_exceedances", int(0));
        if key_polluter {
            doc.set("disclosure_published", boolean(true));
        }
        // Emission-information disclosure is a duty of vehicle and machinery makers and
        // importers (national plan (三十七)); the few among the declarants have disclosed.
        let maker = self.rng.chance(0.03);
        doc.set("vehicle_or_nrmm_maker", boolean(maker));
        if maker {
            doc.set("env_info_disclosed", boolean(true));
        }
        (doc, date)
    }

    /// VOCs materials, sealing points and odour, as 二(五)1 asks of an existing enterprise: the
    /// answers that bring a duty with them (high-VOCs materials, more than 2000 sealing points,
    /// odour complaints) come with that duty done.
    fn vocs_and_odour(&mut self, doc: &mut Node, sector: &str, key_polluter: bool, year: u64) {
        let high_vocs = match sector {
            "printing" => 0.6,
            "chemical" => 0.3,
            _ => 0.05,
        };
        let high_vocs = self.rng.chance(high_vocs);
        doc.set("uses_high_vocs_materials", boolean(high_vocs));
        if high_vocs {
            doc.set("vocs_substitution_plan", boolean(true))
                .set("vocs_ledger", boolean(true));
        }
        let points = match sector {
            "chemical" => self.rng.range(800, 6000),
            "paper" => self.rng.range(100, 1500),
            _ => {
                if self.rng.chance(0.4) {
                    self.rng.range(20, 600)
                } else {
                    0
                }
            }
        };
        doc.set("sealing_points", int(points));
        if points > 2000 {
            doc.set("ldar_last_year", int(year));
        }
        if points > 0 {
            doc.set("turnaround_vocs_capture", boolean(true));
        }
        let complaints = self.rng.chance(0.05);
        doc.set("odor_complaints", boolean(complaints));
        if complaints {
            doc.set("odor_rectification_route", boolean(true))
                .set("odor_on_schedule", boolean(true));
            if key_polluter {
                doc.set("odor_online_monitor", boolean(true));
            }
        }
    }

    fn gas_boiler(&mut self, i: usize, tenths: u64, low_nox: bool) -> Node {
        let mut b = Node::map();
        b.set("name", text(format!("{}号燃气锅炉", i + 1)))
            .set("fuel", s("天然气", "natural_gas"))
            .set("capacity", self.capacity(tenths))
            .set("status", s("运行", "operating"))
            .set("self_built", boolean(true))
            .set("small_boiler", boolean(false))
            .set("low_nox", boolean(low_nox));
        b
    }

    /// A truck; `old` gives an in-service China III diesel truck (past 2025 a violation).
    fn truck(&mut self, i: usize, old: bool) -> Node {
        let mut v = Node::map();
        let category = *self.rng.pick(&[
            ("重型货车", "heavy_truck"),
            ("中型货车", "medium_truck"),
            ("轻型货车", "light_truck"),
        ]);
        let scrapped_old = !old && self.rng.chance(0.1);
        let (power, standard, status) = if old {
            (("柴油", "diesel"), ("国三", "cn3"), ("运行", "operating"))
        } else if scrapped_old {
            (
                ("柴油", "diesel"),
                ("国三", "cn3"),
                ("已报废", "eliminated"),
            )
        } else if self.rng.chance(0.3) {
            (
                ("纯电动", "battery_electric"),
                ("国六", "cn6"),
                ("运行", "operating"),
            )
        } else {
            (("柴油", "diesel"), ("国六", "cn6"), ("运行", "operating"))
        };
        v.set(
            "plate",
            text(format!(
                "鄂D{:05}",
                (self.index * 7919 + i as u64) % 100_000
            )),
        )
        .set("category", s(category.0, category.1))
        .set("powertrain", s(power.0, power.1))
        .set("emission_standard", s(standard.0, standard.1))
        .set("status", s(status.0, status.1))
        .set("newly_added", boolean(false))
        .set("cargo", s("其他物料", "other_cargo"))
        .set("enclosed_or_covered", boolean(true))
        .set("control_device_falsified", boolean(false))
        .set("obd_disabled", boolean(false))
        .set("exhaust_failed", boolean(false));
        v
    }

    /// A non-road machine; `unregistered` leaves out the registration code.
    fn machine(&mut self, i: usize, year: i32, unregistered: bool) -> Node {
        let mut m = Node::map();
        let kind = *self.rng.pick(&[
            ("叉车", "forklift"),
            ("挖掘机", "excavator"),
            ("装载机", "loader"),
            ("起重机", "crane"),
            ("压路机", "roller"),
        ]);
        let stage = *self
            .rng
            .pick(&[("第三阶段", "stage3"), ("第四阶段", "stage4")]);
        let electric = self.rng.chance(0.3);
        let power = if electric {
            ("纯电动", "battery_electric")
        } else {
            ("柴油", "diesel")
        };
        m.set("name", text(format!("{}号{}", i + 1, kind.0)))
            .set("kind", s(kind.0, kind.1))
            .set("emission_stage", s(stage.0, stage.1))
            .set("status", s("运行", "operating"))
            // Only electric machines are new: new work machines must be new-energy.
            .set("newly_added", boolean(electric && self.rng.chance(0.5)))
            .set("powertrain", s(power.0, power.1));
        if kind.1 == "forklift" {
            let load = self.rng.range(15, 50);
            m.set(
                "rated_load",
                s(format!("{}吨", fmt_tenths(load)), load as f64 / 10.0),
            );
        }
        if !unregistered {
            m.set("registration_code", self.registration(year));
        }
        m.set("emission_compliant", boolean(true))
            .set("old", boolean(false))
            .set("in_control_zone", boolean(false));
        // Imported machines came in before the plan took effect, so the import duty (Stage IV
        // for imports made under the plan) holds even when a defect later lowers the stage.
        let imported = self.rng.chance(0.08);
        m.set("imported", boolean(imported));
        if imported {
            let on = civil(FIRST_DAY - self.rng.range(30, 2500) as i64);
            m.set("imported_on", self.date_node(on));
        }
        m.set("black_smoke", boolean(false));
        m
    }

    // ------------------------------------------------------------------------------------------
    // Project applications

    fn project(&mut self, dirty: bool) -> (Node, Ymd) {
        let date = self.date();
        let mut defects = Vec::new();
        if dirty {
            for _ in 0..self.rng.range(1, 3) {
                defects.push(self.rng.below(7));
            }
        }
        let has = |d: u64| defects.contains(&d);
        let types = [
            ("新建", "new"),
            ("改扩建", "reconstruction_expansion"),
            ("技改", "reconstruction"),
            ("扩建", "expansion"),
            ("迁建", "relocation"),
        ];
        let ptype = if has(2) || has(4) {
            ("新建", "new")
        } else {
            *self.rng.pick(&types)
        };
        let sectors = [
            ("工业涂装", "industrial_coating"),
            ("其他", "other_sector"),
            ("化工", "chemical"),
            ("物流园区", "logistics_park"),
            ("造纸", "paper"),
        ];
        let sector = *self.rng.pick(&sectors);
        // Coal-boiler defects need a site inside (0) or outside (1) a built-up area.
        let builtup = if has(0) {
            Some(true)
        } else if has(1) {
            Some(false)
        } else {
            None
        };
        let mut doc = Node::map();
        doc.set("kind", text("project"))
            .set("plan", text("jingzhou-2024"))
            .set("submitted_on", self.date_node(date))
            .set("name", text(self.firm("建设项目")))
            .set("project_type", s(ptype.0, ptype.1))
            .set("sector", s(sector.0, sector.1));
        let mut site = self.site(builtup, false);
        // Jingzhou is rarely counted an economically developed area; a site that is states its
        // building-site area, on which the national video-monitoring encouragement turns.
        let developed = self.rng.chance(0.15);
        site.set("economically_developed", boolean(developed));
        // Coating, chemicals and paper are the generator's 涉气重点行业. Their sites state the
        // distance to the Hunan border, because a new or relocated one within 20 km, or one that
        // is an elevated source, needs the inter-provincial EIA consultation it then names.
        let key_air = matches!(sector.1, "industrial_coating" | "chemical" | "paper");
        let elevated = key_air && self.rng.chance(0.1);
        let mut near_border = false;
        if key_air {
            let km = self.rng.range(5, 90);
            near_border = km <= 20;
            let yaml = if self.rng.chance(0.5) {
                format!("{km}公里")
            } else {
                format!("{km} km")
            };
            site.set("provincial_border_distance", s(yaml, km));
        }
        doc.set("site", site);
        let consult = matches!(ptype.1, "new" | "relocation") && (near_border || elevated);
        let mut screening = Node::map();
        let fails_screen = has(5);
        screening
            .set("industrial_policy", boolean(true))
            .set("sanxian_yidan", boolean(true))
            .set("planning_eia", boolean(!fails_screen))
            .set("yangtze_negative_list_hit", boolean(false));
        if self.rng.chance(0.5) {
            screening.set("capacity_replacement_ok", boolean(true));
        }
        screening.set("pollutant_offset", boolean(true));
        if consult {
            let opinion = format!("鄂湘环评会商〔{}〕{}号", date.0, self.rng.range(1, 60));
            screening.set("cross_province_consultation", text(opinion));
        }
        doc.set("screening", screening);
        let lianggao = has(2);
        doc.set("high_energy", self.b(lianggao))
            .set("high_emission", self.b(lianggao))
            .set("low_level", boolean(false))
            .set("lianggao", boolean(lianggao));
        let grade = if has(2) {
            ("B级", "grade_b")
        } else if has(3) {
            *self
                .rng
                .pick(&[("B-级", "grade_b_minus"), ("C级", "grade_c")])
        } else {
            *self.rng.pick(&[
                ("A级", "grade_a"),
                ("B级", "grade_b"),
                ("绩效引领性", "leading"),
            ])
        };
        doc.set("designed_perf_grade", s(grade.0, grade.1))
            .set("severe_overcapacity", boolean(false));
        if lianggao && self.rng.chance(0.4) {
            self.justifications.push((
                "JZ-PROJ-LIANGGAO-PERF-A",
                "行业A级指南要求的工艺尚无国产化装备,按B级设计并预留提标空间",
            ));
        }

        let equipment = (0..self.rng.range(1, 20))
            .map(|i| {
                let mut e = Node::map();
                let class = *self
                    .rng
                    .pick(&[("允许类", "unlisted"), ("鼓励类", "encouraged")]);
                e.set("name", text(format!("{}号新建生产线", i + 1)))
                    .set("catalogue_class", s(class.0, class.1))
                    .set("is_new", boolean(true))
                    .set("emits_air", boolean(self.rng.chance(0.5)));
                e
            })
            .collect();
        doc.set("equipment", Node::List(equipment));

        let mut boilers = Vec::new();
        for i in 0..self.rng.size(4) {
            let tenths = self.rng.range(10, 200);
            let mut b = self.gas_boiler(i, tenths, true);
            b.set("is_new", boolean(true));
            boilers.push(b);
        }
        if has(0) {
            // Built-up area: at or below 35 t/h is in the ban (35 t/h exactly, or 24.5 MW).
            let tenths = *self.rng.pick(&[350, 300, 150, 60]);
            boilers.push(self.coal_boiler(tenths));
            if self.rng.chance(0.4) {
                self.justifications.push((
                    "JZ-BOILER-NEW-COAL-BUILTUP",
                    "集中供热管网未覆盖项目地块,工艺需要蒸汽,锅炉按超低排放设计",
                ));
            }
        }
        if has(1) {
            // Elsewhere: below 20 t/h is banned; exactly 20 t/h is reading A1's review case.
            let tenths = *self.rng.pick(&[200, 200, 150, 100, 60]);
            boilers.push(self.coal_boiler(tenths));
            if self.rng.chance(0.4) {
                self.justifications.push((
                    "JZ-BOILER-NEW-COAL-OTHER",
                    "园区天然气管网2027年方可接通,锅炉按超低排放设计,接通后停用拆除",
                ));
            }
        }
        doc.set("boilers", Node::List(boilers));

        // The main freight mode: bulk freight goes by its rail siding or, without one, by
        // new-energy trucks (the transition the bulk-rail justification describes).
        let mut bulk_mode = None;
        if has(4) || self.rng.chance(0.2) {
            // Bulk freight: 150 萬噸/年 or more needs a rail siding or pipeline where conditions
            // permit; exactly 150 is the boundary review. Volumes are written in three units.
            let wan = if has(4) {
                *self.rng.pick(&[150, 151, 200, 480])
            } else {
                self.rng.range(20, 400)
            };
            let rail = !has(4) && wan >= 150;
            let mut bf = Node::map();
            let facility = *self.rng.pick(&[
                ("物流园区", "logistics_park_facility"),
                ("工矿企业", "industrial_mining"),
            ]);
            let volume = match self.rng.below(3) {
                0 => format!("{wan}万吨/年"),
                1 => format!("{} t/a", wan * 10_000),
                _ => format!("{} Mt/a", fmt_hundredths(wan)),
            };
            bf.set("facility", s(facility.0, facility.1))
                .set("annual_volume", s(volume, wan))
                .set("conditions_permit", boolean(true))
                .set("rail_siding", boolean(rail))
                .set("pipeline", boolean(false));
            doc.set("bulk_freight", bf);
            bulk_mode = Some(if rail {
                ("铁路", "rail_mode")
            } else {
                ("新能源车辆", "nev_road_mode")
            });
            if has(4) && self.rng.chance(0.4) {
                self.justifications.push((
                    "JZ-PROJ-BULK-RAIL-150",
                    "铁路专用线接轨点尚在规划,过渡期采用新能源重卡短驳",
                ));
            }
        }

        let mut construction = Node::map();
        construction
            .set("building_or_municipal", boolean(self.rng.chance(0.5)))
            .set("video_monitoring", boolean(true))
            .set("smart_platform_connected", boolean(true))
            .set("dust_cost_in_budget", boolean(true))
            .set("nrmm_entry_register", boolean(true));
        if developed {
            let area = self.rng.range(12, 600) * 100;
            let yaml = if self.rng.chance(0.7) {
                format!("{area}平方米")
            } else {
                format!("{area} m2")
            };
            construction.set("site_area", s(yaml, area));
        }
        doc.set("construction", construction);
        let mut machines = Vec::new();
        let site_size = if self.rng.chance(0.15) { 150 } else { 20 };
        for i in 0..self.rng.size(site_size) {
            machines.push(self.site_machine(i, date.0, None));
        }
        if has(6) {
            let at = self.rng.below(machines.len() as u64 + 1) as usize;
            let fault = self.rng.below(3);
            machines.insert(at, self.site_machine(5000, date.0, Some(fault)));
        }
        doc.set("site_machines", Node::List(machines));
        let mut material = Node::map();
        material
            .set("name", text("水性涂料"))
            .set("category", s("涂料", "coating"))
            .set("high_vocs", boolean(false))
            .set("within_vocs_limit", boolean(true))
            .set("outdoor_or_road_marking", boolean(self.rng.chance(0.15)));
        doc.set("materials", Node::List(vec![material]));

        // Facts the national plan asks of a project. Without bulk freight most projects move no
        // bulk goods; the rest name a clean mode, so that no unplanted defect comes of it.
        let mode = match bulk_mode {
            Some(mode) => mode,
            None => *self.rng.pick(&[
                ("无大宗物料运输", "no_freight_mode"),
                ("无大宗物料运输", "no_freight_mode"),
                ("无大宗物料运输", "no_freight_mode"),
                ("新能源车辆", "nev_road_mode"),
                ("水路", "water_mode"),
            ]),
        };
        doc.set("freight_transport", s(mode.0, mode.1))
            .set("key_air_industry", boolean(key_air))
            .set("elevated_source", boolean(elevated));
        let catering = self.rng.chance(0.1);
        doc.set("catering_building", boolean(catering));
        if catering {
            doc.set("dedicated_flue", boolean(true));
        }
        (doc, date)
    }

    fn coal_boiler(&mut self, tenths: u64) -> Node {
        let mut b = Node::map();
        b.set("name", text("新建燃煤蒸汽锅炉"))
            .set("fuel", s("燃煤", "raw_coal"))
            .set("capacity", self.capacity(tenths))
            .set("is_new", boolean(true))
            .set("dust_collector", s("布袋除尘", "bag_filter"));
        b
    }

    /// A machine bound for the site; `fault` 0: unregistered, 1: breaks the zone, 2: not compliant.
    fn site_machine(&mut self, i: usize, year: i32, fault: Option<u64>) -> Node {
        let mut m = Node::map();
        let kind = *self.rng.pick(&[
            ("挖掘机", "excavator"),
            ("装载机", "loader"),
            ("起重机", "crane"),
        ]);
        let stage = *self
            .rng
            .pick(&[("第三阶段", "stage3"), ("第四阶段", "stage4")]);
        m.set("name", text(format!("{}号{}", i + 1, kind.0)))
            .set("kind", s(kind.0, kind.1))
            .set("emission_stage", s(stage.0, stage.1));
        if fault != Some(0) {
            m.set("registration_code", self.registration(year));
        }
        m.set("emission_compliant", boolean(fault != Some(2)));
        if fault == Some(1) || self.rng.chance(0.5) {
            m.set("meets_zone_requirement", boolean(fault != Some(1)));
        }
        m
    }
}

/// `123` tenths as `12.3`, `120` as `12`.
fn fmt_tenths(t: u64) -> String {
    if t.is_multiple_of(10) {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, t % 10)
    }
}

/// `245` hundredths as `2.45`, exactly.
fn fmt_hundredths(h: u64) -> String {
    match h % 100 {
        0 => (h / 100).to_string(),
        r if r % 10 == 0 => format!("{}.{}", h / 100, r / 10),
        r => format!("{}.{:02}", h / 100, r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(FIRST_DAY), (2024, 11, 15));
    }

    #[test]
    fn exact_decimals() {
        assert_eq!(fmt_hundredths(245), "2.45");
        assert_eq!(fmt_hundredths(150), "1.5");
        assert_eq!(fmt_tenths(350), "35");
    }

    #[test]
    fn deterministic() {
        assert_eq!(generate(1, 5).yaml, generate(1, 5).yaml);
        assert_ne!(generate(1, 5).yaml, generate(2, 5).yaml);
    }
}
