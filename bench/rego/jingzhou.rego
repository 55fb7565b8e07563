# Fifteen Jingzhou rules in Rego, encoded from rules/jingzhou-2024/*.rules for the differential
# peer. Same conditions, thresholds and readings; the document arrives as JSON with enum values
# by name, quantities as numbers in the dimension's base unit (t/h, 萬噸/年, 輛次/日) and dates as
# ISO strings, so string comparison of dates is date order.
#
# Rego orders values across types (null < boolean < number < string ...), so a string capacity
# would compare "greater" than any number. Every comparison is therefore guarded with
# is_number / is_string / is_boolean, and booleans are tested with `== true` / `== false`.
#
# Outcomes per rule: `violation` and `review` (sets of rule ids). A rule can be in both when its
# items differ; the driver takes the more serious. Anything else (pass, not applicable, advice,
# missing information) is "neither".
package planlint.jz

doc := input.document

check_date := input.check_date

# Parameters of schema.rules.
basic_tolerance_pct := 5 # basic_tolerance = 5%

coal := {"raw_coal", "coal_gangue", "coal_slime", "pulverized_coal", "coal_water_slurry", "briquette", "coking_coal"}

hpf := coal | {"petroleum_coke", "heavy_oil"}

trucks := {"heavy_truck", "medium_truck", "light_truck", "light_logistics"}

# `applies to KIND`.
project if doc.kind == "project"

enterprise if doc.kind == "enterprise"

items(name) := object.get(doc, name, [])

is_true(x) if {
	is_boolean(x)
	x == true
}

is_false(x) if {
	is_boolean(x)
	x == false
}

num_le(x, limit) if {
	is_number(x)
	x <= limit
}

num_lt(x, limit) if {
	is_number(x)
	x < limit
}

num_ge(x, limit) if {
	is_number(x)
	x >= limit
}

num_eq(x, limit) if {
	is_number(x)
	x == limit
}

justified(id) if {
	some j in object.get(doc, "justifications", [])
	j.rule == id
}

# in_builtup_area(s) = s.in_builtup_area and s.city_level in [county, prefecture]
in_builtup_area if {
	is_true(doc.site.in_builtup_area)
	doc.site.city_level in {"county", "prefecture"}
}

not_in_builtup_area if is_false(doc.site.in_builtup_area)

not_in_builtup_area if {
	is_boolean(doc.site.in_builtup_area)
	is_string(doc.site.city_level)
	not doc.site.city_level in {"county", "prefecture"}
}

# deadline D: on or before D a broken requirement is advice.
past(deadline) if {
	is_string(check_date)
	check_date > deadline
}

# An in-principle rule broken: violation, or review when the submission justifies it.
in_principle(id) := "review" if {
	justified(id)
} else := "violation"

# --- JZ-BOILER-NEW-COAL-BUILTUP: in principle forbid b.capacity <= 35 t/h
#     for each new coal boiler in a county-or-higher built-up area.
new_coal_builtup_broken if {
	project
	some b in items("boilers")
	is_true(b.is_new)
	b.fuel in coal
	in_builtup_area
	num_le(b.capacity, 35)
}

outcome contains ["JZ-BOILER-NEW-COAL-BUILTUP", in_principle("JZ-BOILER-NEW-COAL-BUILTUP")] if new_coal_builtup_broken

# --- JZ-BOILER-NEW-COAL-OTHER: in principle forbid b.capacity <= 20 t/h elsewhere;
#     review if b.capacity = 20 t/h (reading A1), before any justification is considered.
outcome contains ["JZ-BOILER-NEW-COAL-OTHER", o] if {
	project
	some b in items("boilers")
	is_true(b.is_new)
	b.fuel in coal
	not_in_builtup_area
	num_le(b.capacity, 20)
	o := new_coal_other(b.capacity)
}

new_coal_other(cap) := "review" if {
	cap == 20
} else := in_principle("JZ-BOILER-NEW-COAL-OTHER")

# --- JZ-PROJ-LIANGGAO-PERF-A: new 兩高 project: in principle must grade in [grade_a, leading].
outcome contains ["JZ-PROJ-LIANGGAO-PERF-A", in_principle("JZ-PROJ-LIANGGAO-PERF-A")] if {
	project
	doc.project_type == "new"
	is_true(doc.lianggao)
	is_string(doc.designed_perf_grade)
	not doc.designed_perf_grade in {"grade_a", "leading"}
}

# --- JZ-PROJ-PERF-B-OR-ABOVE: must grade in [grade_a, grade_b, leading]; review if B- and
#     review if soft_directive_review (true), so a breach is always review.
outcome contains ["JZ-PROJ-PERF-B-OR-ABOVE", "review"] if {
	project
	doc.project_type in {"new", "reconstruction", "expansion", "reconstruction_expansion", "relocation"}
	is_string(doc.designed_perf_grade)
	not doc.designed_perf_grade in {"grade_a", "grade_b", "leading"}
}

# --- JZ-PROJ-ACCESS-SCREENING: every screen passed; capacity_replacement_ok only if given.
screening_ok if {
	s := doc.screening
	is_true(s.industrial_policy)
	is_true(s.sanxian_yidan)
	is_true(s.planning_eia)
	is_false(s.yangtze_negative_list_hit)
	is_true(s.pollutant_offset)
	object.get(s, "capacity_replacement_ok", true) == true
}

outcome contains ["JZ-PROJ-ACCESS-SCREENING", "violation"] if {
	project
	is_object(doc.screening)
	not screening_ok
}

# --- JZ-PROJ-BULK-RAIL-150: new or relocated logistics park / industrial-mining facility moving
#     150 萬噸/年 or more, conditions permitting: in principle rail siding or pipeline;
#     review at exactly 150 (reading A1), before justifications.
outcome contains ["JZ-PROJ-BULK-RAIL-150", o] if {
	project
	doc.project_type in {"new", "relocation"}
	f := doc.bulk_freight
	f.facility in {"logistics_park_facility", "industrial_mining"}
	num_ge(f.annual_volume, 150)
	is_true(f.conditions_permit)
	is_false(f.rail_siding)
	is_false(f.pipeline)
	o := bulk_rail(f.annual_volume)
}

bulk_rail(v) := "review" if {
	v == 150
} else := in_principle("JZ-PROJ-BULK-RAIL-150")

# --- JZ-SITE-NRMM-ENTRY-BAN: forbid a site machine that is unregistered, breaks the no-use
#     zone (when stated), or does not meet emission standards.
outcome contains ["JZ-SITE-NRMM-ENTRY-BAN", "violation"] if {
	project
	some m in items("site_machines")
	site_machine_banned(m)
}

site_machine_banned(m) if not is_string(m.registration_code)

site_machine_banned(m) if is_false(m.meets_zone_requirement)

site_machine_banned(m) if is_false(m.emission_compliant)

# --- Residual-share rules (reading A6, 基本淘汰): broken while any in-scope item remains;
#     advice on or before the deadline; review when remaining / in scope <= basic_tolerance,
#     compared as integers (remaining * 100 <= 5 * in scope) so the boundary is exact.
residual(in_scope, remaining, deadline) := "advice" if {
	count(remaining) > 0
	not past(deadline)
} else := "review" if {
	count(remaining) > 0
	count(remaining) * 100 <= basic_tolerance_pct * count(in_scope)
} else := "violation" if {
	count(remaining) > 0
}

# Reading A6a: items eliminated without an `eliminated_on` date may or may not be in the base.
# Where counting them in or out changes the outcome (the residual is within the tolerance of the
# widest base and beyond that of the base without them), the rule asks for the dates: missing
# information, which the verdicts compared here count as neither.
undated_decide(in_scope, remaining) if {
	undated := [x | some x in in_scope; x.status == "eliminated"; not is_string(x.eliminated_on)]
	count(undated) > 0
	count(remaining) * 100 <= basic_tolerance_pct * count(in_scope)
	count(remaining) * 100 > basic_tolerance_pct * (count(in_scope) - count(undated))
}

# A date every check date is past: the rule has no deadline.
no_deadline := "0000-00-00"

# JZ-BOILER-COAL-ELIM-LE10T-2025: coal boilers of 10 t/h or less, eliminated by 2025-12-31.
coal_le10 := [b | some b in items("boilers"); b.fuel in coal; num_le(b.capacity, 10)]

coal_le10_left := [b | some b in coal_le10; is_string(b.status); b.status != "eliminated"]

outcome contains ["JZ-BOILER-COAL-ELIM-LE10T-2025", o] if {
	enterprise
	count(coal_le10) > 0
	not undated_decide(coal_le10, coal_le10_left)
	o := residual(coal_le10, coal_le10_left, "2025-12-31")
}

# JZ-VEH-DIESEL-CN3-ELIM-2025: diesel trucks of China III or below, by 2025-12-31.
old_diesel := [v |
	some v in items("vehicles")
	v.category in trucks
	v.powertrain == "diesel"
	v.emission_standard in {"pre_cn1", "cn1", "cn2", "cn3"}
]

old_diesel_left := [v | some v in old_diesel; is_string(v.status); v.status != "eliminated"]

outcome contains ["JZ-VEH-DIESEL-CN3-ELIM-2025", o] if {
	enterprise
	count(old_diesel) > 0
	not undated_decide(old_diesel, old_diesel_left)
	o := residual(old_diesel, old_diesel_left, "2025-12-31")
}

# JZ-NRMM-STAGE1-ELIM: machines of Stage I or below; no deadline of its own (reading A3).
stage1 := [m | some m in items("machines"); m.emission_stage in {"pre_stage1", "stage1"}]

stage1_left := [m | some m in stage1; is_string(m.status); m.status != "eliminated"]

outcome contains ["JZ-NRMM-STAGE1-ELIM", o] if {
	enterprise
	count(stage1) > 0
	not undated_decide(stage1, stage1_left)
	o := residual(stage1, stage1_left, no_deadline)
}

# --- JZ-NRMM-CODE-REGISTRATION: every machine not eliminated has a registration code.
outcome contains ["JZ-NRMM-CODE-REGISTRATION", "violation"] if {
	enterprise
	some m in items("machines")
	not m.status == "eliminated"
	not is_string(m.registration_code)
}

# --- JZ-ENT-KEY-VEHICLE-USER-GATE-2024: key vehicle users (>= 20 輛次/日) have gate and video
#     systems; deadline 2024-12-31; review at exactly 20 (reading A1).
outcome contains ["JZ-ENT-KEY-VEHICLE-USER-GATE-2024", o] if {
	enterprise
	num_ge(doc.daily_truck_trips, 20)
	not gate_ok
	o := key_user_gate(doc.daily_truck_trips)
}

gate_ok if {
	is_true(doc.gate.installed)
	is_true(doc.gate.video_installed)
}

key_user_gate(trips) := "advice" if {
	not past("2024-12-31")
} else := "review" if {
	num_eq(trips, 20)
} else := "violation"

# --- JZ-BOILER-GAS-LOWNOX-GE10T: gas boilers of 10 t/h or more not eliminated must have
#     low-NOx burners; soft directive, so a breach is review.
outcome contains ["JZ-BOILER-GAS-LOWNOX-GE10T", "review"] if {
	enterprise
	some b in items("boilers")
	b.fuel == "natural_gas"
	num_ge(b.capacity, 10)
	is_string(b.status)
	b.status != "eliminated"
	is_false(b.low_nox)
}

# --- JZ-VESSEL-OFFICIAL-ELECTRIC-LNG: new official or support vessels: in principle electric or LNG.
outcome contains ["JZ-VESSEL-OFFICIAL-ELECTRIC-LNG", in_principle("JZ-VESSEL-OFFICIAL-ELECTRIC-LNG")] if {
	enterprise
	some v in items("vessels")
	is_true(v.is_new)
	v.use in {"official_vessel", "support_vessel"}
	is_string(v.propulsion)
	not v.propulsion in {"battery_electric", "lng"}
}

# --- JZ-COAL-SALE-USE-BAN: in the no-burn zone, forbid selling or using a high-pollution fuel;
#     using one (not selling) is allowed until the county's conversion deadline, and without
#     that deadline the rule cannot decide (missing information, reading A18: neither here).
outcome contains ["JZ-COAL-SALE-USE-BAN", "violation"] if {
	enterprise
	is_true(doc.site.in_no_burn_zone)
	sells_hpf
}

outcome contains ["JZ-COAL-SALE-USE-BAN", "violation"] if {
	enterprise
	is_true(doc.site.in_no_burn_zone)
	not sells_hpf
	uses_hpf
	is_string(doc.site.conversion_deadline)
	past(doc.site.conversion_deadline)
}

uses_hpf if {
	some f in items("fuels_used")
	f in hpf
}

sells_hpf if {
	some f in items("fuels_sold")
	f in hpf
}

# The driver reads this one value per document.
result := outcome
