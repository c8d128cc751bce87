coverage-period = { $start } – { $end }
coverage-more = …и ещё { $count }
coverage-more-akimats = …и ещё акиматов: { $count }
coverage-warning =
    🗺 <b>Выездные встречи</b> · { $akimat }
    До конца периода ({ $period }) осталось { $days } дн., а в { $count } населённых пунктах выездная встреча ещё не проведена и не запланирована:
    { $units }
    Календарь: /calendar · Новая встреча: /newmeeting
    Основание: { act-001 }, п. 2.1.
coverage-report =
    🗺 <b>Период завершён: { $ended }</b>
    Населённые пункты, оставшиеся без выездной встречи:

    { $akimats }
coverage-report-akimat =
    <b>{ $akimat }</b> ({ $count }):
    { $units }
coverage-title = 🗺 <b>Охват выездными встречами</b> · { $akimat }
coverage-line = { $akimat } ({ $period }): ✅ { $covered } · 🗓 { $planned } · ❌ { $uncovered }
coverage-unit-covered = ✅ { $unit }
coverage-unit-planned = 🗓 { $unit }
coverage-unit-uncovered = ❌ { $unit }
coverage-empty = В этой территории нет акиматов, для которых считается охват.
coverage-legend = ✅ проведена · 🗓 запланирована · ❌ не охвачен
cmd-coverage = Охват выездными встречами
coverage-no-akimat = Укажите код КАТО акимата, который вы можете просматривать, например /coverage 620000000 (область Улытау).
