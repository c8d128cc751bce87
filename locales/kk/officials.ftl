## Әкімдік қызметкерлері және олардың құқықтары: шақырулар, /officials, /office, /audit.

cmd-office = Әкімдік қызметкерінің кабинеті
cmd-officials = Әкімдіктердің қызметкерлері
cmd-audit = Әрекеттер журналы

## Шақыру сілтемесі (/start inv_…)

officials-invite-pending = ✉️ Бұл — әкімдік қызметкері болуға шақыру: <b>{ $akimat }</b>. Алдымен тілді таңдап, шарттармен келісіңіз — шақыру осыдан кейін бірден қолданылады.
officials-accept-done =
    ✅ Енді сіз әкімдік қызметкерісіз: <b>{ $akimat }</b>.
    Кабинетіңіз және сізге қолжетімді мүмкіндіктер: /office
officials-accept-already = Сіз бұл әкімдіктің қызметкерісіз: { $akimat }. Сілтеме пайдаланылған жоқ, ол басқа адам үшін әлі жарамды. Кабинетіңіз: /office
officials-accept-admin = Сіз әкімшісіз, барлық құқығыңыз бар. Сілтеме пайдаланылған жоқ: ол арналған қызметкер үшін әлі жарамды.
officials-accept-used = Бұл шақыруды басқа адам пайдаланып қойған. Әкімшіден жаңа сілтеме сұраңыз.
officials-accept-used-by-you = Сіз бұл шақыруды бұрын пайдаландыңыз. Әлі де қызметкер болсаңыз, кабинетіңіз — /office; әйтпесе әкімшіден жаңа сілтеме сұраңыз.
officials-accept-expired = Бұл шақырудың мерзімі { $when } аяқталды. Әкімшіден жаңа сілтеме сұраңыз.
officials-accept-revoked = Бұл шақыруды әкімші кері қайтарып алды. Қажет болса, жаңа сілтеме сұраңыз.
officials-accept-unknown = Бұл шақыру сілтемесі жарамсыз: оның толық көшірілгенін тексеріңіз немесе әкімшіден жаңасын сұраңыз.

## Хабарламалар

officials-notice-accepted = ✅ { $name } (id { $id }) шақыруыңызды қабылдады, енді ол әкімдік қызметкері: { $akimat }.
officials-notice-removed = Сіз енді әкімдік қызметкері емессіз: <b>{ $akimat }</b>. Оның кездесулері мен сұрақтары сізге енді қолжетімсіз; тұрғын ретінде істейтіндеріңіздің бәрі бұрынғыдай қалады.

## /officials

officials-title = <b>Әкімдіктердің қызметкерлері</b>
officials-overview-intro = Қызметкерлері немесе жарамды шақырулары бар әкімдіктер. Қызметкерлерін көру, біреуін алып тастау немесе сілтемені кері қайтару үшін әкімдікті таңдаңыз.
officials-overview-empty = Әзірге ешбір әкімдіктің қызметкері де, жарамды шақыруы да жоқ. Сілтеме жасау үшін «Қызметкерді шақыру» батырмасын басыңыз.
officials-page = Бет { $page } / { $pages }
officials-akimat-button = { $name } · 👤 { $officials } · ✉️ { $invites }
officials-invite-other-button = ➕ Қызметкерді шақыру
officials-all-button = ⬅️ Барлық әкімдіктер
officials-own-intro = Әкімдігіңіздің қызметкерлері (тек қарау үшін: оларды әкімшілер тағайындайды және алып тастайды).
officials-below-intro = Аумағыңыздағы қызметкерлері бар әкімдіктер; оларды қарай аласыз:
officials-akimat-title = 🏛 <b>{ $name }</b>
officials-akimat-officials = Қызметкерлер: { $count }
officials-official-line = { $n }. { $name } (id { $id }), { $since } бастап
officials-akimat-no-officials = Әзірге қызметкерлер жоқ.
officials-akimat-invites = <b>Жарамды шақырулар</b>: { $count }
officials-invite-line = { $n }. { $created } жасалған, id { $by }, { $until } дейін жарамды
officials-akimat-readonly = Бұл тізімді тек қарауға болады; қызметкерлерді әкімшілер тағайындайды және алып тастайды.
officials-remove-button = ✖️ Алып тастау: { $name }
officials-revoke-button = 🚫 { $n }-шақыруды кері қайтару
officials-invite-button = ➕ Жаңа шақыру сілтемесі
officials-invite-created =
    ✉️ <b>Әкімдікке шақыру: { $akimat }</b>
    Бұл сілтемені қызметкерге жіберіңіз. Ол бір рет, { $until } дейін жарамды: оны бірінші ашқан адам осы әкімдіктің қызметкері болады.

    { $link }

    Сілтеме басқа адамға түсіп қалса, оны кері қайтарыңыз.
officials-revoke-link-button = 🚫 Бұл сілтемені кері қайтару
officials-back-to-akimat-button = ⬅️ Әкімдікке
officials-revoked = 🚫 Шақыру кері қайтарылды: сілтеме енді жұмыс істемейді.
officials-revoke-used = Бұл шақыру пайдаланылып қойған, оны кері қайтару мүмкін емес. Қажет болса, қызметкерді алып тастаңыз.
officials-revoke-expired = Шақырудың мерзімі өтіп кеткен: сілтеме жұмыс істемейді.
officials-revoke-revoked = Бұл шақыру бұрын кері қайтарылған.
officials-remove-confirm =
    Әкімдік: { $akimat }
    { $name } (id { $id }) қызметкерлер қатарынан алып тасталсын ба? Қолжетімділігі бірден жойылады, оған хабарлама жіберіледі.
officials-remove-yes = ✖️ Иә, алып тастау
officials-removed = ✅ { $name } (id { $id }) енді бұл әкімдіктің қызметкері емес. Оған хабарлама жіберілді.
officials-remove-gone = { $name } (id { $id }) бұл әкімдіктің қызметкері емес.
officials-ask-locality =
    <b>Қызметкерді шақыру</b>
    Ол қай әкімдікте жұмыс істейді? Өз әкімі бар облыстың, ауданның, қаланың, ауылдық округтің немесе ауылдың атауын жазыңыз.
    Тоқтату: /cancel
officials-pick-locality = Әкімдікті таңдаңыз (тізімде тек өз әкімі бар бірліктер):
officials-hit-button = { $name } · { $parent }
officials-locality-none = Мұндай атаулы әкімі бар бірлік табылмады. Жазылуын тексеріңіз немесе атаудың қысқарақ бөлігін жазыңыз.
officials-expected-text = Елді мекеннің атауын жазыңыз немесе /cancel жіберіңіз.
officials-cancelled = Болдырылмады: сілтеме жасалған жоқ.
officials-stale-step = Бұл батырма ескірген. /officials қайта ашыңыз.
officials-error-unknown-locality = Бұл бірлік енді сыныптауышта жоқ. Атауын қайта жазыңыз.
officials-error-no-akim = Бұл бірліктің өз әкімі жоқ, демек әкімдігі де жоқ. Басқасын таңдаңыз.
officials-error-unknown-akimat = Бұл әкімдік енді жоқ. /officials қайта ашыңыз.

## /office

office-title-official = 🏛 <b>Сіздің кабинетіңіз</b>
office-title-admin = 🏛 <b>Әкімші кабинеті</b>
office-acts-for = Сіз мына әкімдіктің атынан әрекет етесіз:
office-reads = Сондай-ақ аумағыңыздағы { $count } әкімдікті қарай аласыз:
office-akimat-line = • { $name }
office-admin-summary =
    Қызметкерлері бар әкімдіктер: { $akimats }
    Қызметкерлер: { $officials }
    Жарамды шақырулар: { $invites }
    Соңғы 7 күнде рұқсат етілмеген әрекеттер: { $denied }
office-commands = <b>Командалар</b>
office-command-line = /{ $command } — { $description }
office-not-staff = Сіз ешбір әкімдіктің қызметкері емессіз. Әкімші сізді жеке сілтеме арқылы шақыра алады.

## /audit

audit-title = <b>Әрекеттер журналы</b>, алдымен жаңалары
audit-empty = Әрекеттер журналы бос.
audit-line = { $mark } { $when } · id { $actor } · { $what }
audit-allowed = ✅
audit-denied = ⛔
audit-detail = <i>{ $detail }</i>
audit-akimat-id = әкімдік { $id }
audit-refresh = 🔄 Жаңалары
