## Hostile or oversized input: the clear answers (issue 8, section 6).

meeting-start-too-far = Кездесуді ең көбі екі жыл алға белгілеуге болады, { $latest } дейін. Ертерек күн мен уақытты көрсетіңіз.
admin-error-start-too-far = Кездесуді ең көбі екі жыл алға белгілеуге болады. Ертерек күн мен уақытты көрсетіңіз.
lc-error-start-too-far = Кездесуді ең көбі екі жыл алға ауыстыруға болады, { $bound } дейін. Ертерек күн мен уақытты көрсетіңіз.

## A screen shortened to fit one message offers its full text.
screen-full-text-button = 📄 Толық мәтін
pool-full-answer = Жауап:
pool-full-reason = Қабылданбау себебі:

## A staff command typed by someone who is not an official.
staff-command-not-staff =
    /{ $command } — әкімдік қызметкерлеріне арналған команда. Сіз мыналарды пайдалана аласыз:
    { $commands }
