## Each role's commands (handlers/menus.py): /help and the /start banner list them all.

menu-help-title = <b>Kezdesu не істей алады</b>
menu-welcome-back = Қайта қош келдіңіз!
menu-command-line = /{ $command } — { $description }
menu-own-title = { $role ->
    [official] <b>Әкімдік қызметкерлеріне</b>
    [coordinator] <b>Үйлестірушілерге</b> (аумағыңыздағы әкімдіктерді тек қарау)
    [admin] <b>Әкімшілерге</b>
   *[citizen] <b>Азаматтарға</b>
}
