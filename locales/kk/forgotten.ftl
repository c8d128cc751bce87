## A stored notice about an official who later used /forget: the fact stays, the person does not.

forgotten-notice-accepted = ✅ Шақыруыңыз қабылданды, әкімдікте жаңа қызметкер бар (әкімдік: { $akimat }). Бұл адам кейін өз деректерін жоюды сұрады, сондықтан аты мен id-і көрсетілмейді.
