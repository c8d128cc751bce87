coverage-period = { $start } – { $end }
coverage-more = …және тағы { $count }
coverage-more-akimats = …және тағы { $count } әкімдік
coverage-warning =
    🗺 <b>Көшпелі кездесулер</b> · { $akimat }
    Кезең ({ $period }) аяқталуына { $days } күн қалды, ал { $count } елді мекенде көшпелі кездесу әлі өтпеді және жоспарланбады:
    { $units }
    Күнтізбе: /calendar · Жаңа кездесу: /newmeeting
    Негізі: { act-001 }, 2.1-тармақ.
coverage-report =
    🗺 <b>Кезең аяқталды: { $ended }</b>
    Көшпелі кездесусіз қалған елді мекендер:

    { $akimats }
coverage-report-akimat =
    <b>{ $akimat }</b> ({ $count }):
    { $units }
coverage-title = 🗺 <b>Көшпелі кездесулермен қамту</b> · { $akimat }
coverage-line = { $akimat } ({ $period }): ✅ { $covered } · 🗓 { $planned } · ❌ { $uncovered }
coverage-unit-covered = ✅ { $unit }
coverage-unit-planned = 🗓 { $unit }
coverage-unit-uncovered = ❌ { $unit }
coverage-empty = Бұл аумақта қамтуды есептейтін әкімдік жоқ.
coverage-legend = ✅ өтті · 🗓 жоспарланған · ❌ қамтылмаған
cmd-coverage = Көшпелі кездесулермен қамту
coverage-no-akimat = Өзіңіз қарай алатын әкімдіктің ҚАТО кодын көрсетіңіз, мысалы: /coverage 620000000 (Ұлытау облысы).
