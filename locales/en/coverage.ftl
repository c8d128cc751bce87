coverage-period = { $start } – { $end }
coverage-more = …and { $count } more
coverage-more-akimats = …and { $count } more akimats
coverage-warning =
    🗺 <b>Visiting meetings</b> · { $akimat }
    { $days } days are left in the period ({ $period }), and { $count } localities have had no visiting meeting and none is planned:
    { $units }
    Calendar: /calendar · New meeting: /newmeeting
    Basis: { act-001 }, clause 2.1.
coverage-report =
    🗺 <b>Period ended: { $ended }</b>
    Localities left without a visiting meeting:

    { $akimats }
coverage-report-akimat =
    <b>{ $akimat }</b> ({ $count }):
    { $units }
coverage-title = 🗺 <b>Coverage by visiting meetings</b> · { $akimat }
coverage-line = { $akimat } ({ $period }): ✅ { $covered } · 🗓 { $planned } · ❌ { $uncovered }
coverage-unit-covered = ✅ { $unit }
coverage-unit-planned = 🗓 { $unit }
coverage-unit-uncovered = ❌ { $unit }
coverage-empty = No akimat in this territory has coverage to count.
coverage-legend = ✅ held · 🗓 planned · ❌ not covered
cmd-coverage = Coverage by visiting meetings
coverage-no-akimat = Give the KATO code of an akimat you may read, e.g. /coverage 620000000 (Ulytau oblast).
