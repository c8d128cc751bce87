## A stored notice about an official who later used /forget: the fact stays, the person does not.

forgotten-notice-accepted = ✅ Шақыруыңыз қабылданды, енді әкімдікте жаңа қызметкер бар: { $akimat }. Бұл адам кейін өз деректерін жоюды сұрады, сондықтан аты мен id-і көрсетілмейді.
