# /subscriptions: адам бақылап отырған елді мекендер.

subs-title =
    <b>Сіздің елді мекендеріңіз</b>: { $count }/{ $limit }.
    Әрқайсысы үшін және ол кіретін барлық ірі бірліктер үшін өтетін әкім кездесулері туралы хабарлама аласыз.
subs-page = Бет: { $page }/{ $pages }
subs-item = { $number }. { $place }
subs-item-inside-on = { "   " }Ішіндегінің бәрі: <b>қосулы</b>, ішіндегі ауылдардың кездесулері де
subs-item-inside-off = { "   " }Ішіндегінің бәрі: өшірулі
subs-empty =
    Сіз әлі бірде-бір елді мекенді бақыламайсыз.
    Әкімнің халықпен кездесулері туралы білу үшін ауылыңызды немесе қалаңызды таңдаңыз.
subs-remove-button = 🗑 { $number }. Алып тастау
subs-inside-on-button = { $number }. Ішіндегінің бәрі: қосулы
subs-inside-off-button = { $number }. Ішіндегінің бәрі: өшірулі
subs-add-button = ➕ Қосу
subs-removed = Алып тасталды: { $name }
subs-already-removed = Бұл елді мекен тізіміңізде енді жоқ.
subs-inside-turned-on = «Ішіндегінің бәрі» қосылды: { $name }. Енді ішіндегі ауылдардың кездесулері туралы да білесіз.
subs-inside-turned-off = «Ішіндегінің бәрі» өшірілді: { $name }.
subs-inside-unchanged = Бұл баптау бұрыннан солай.
