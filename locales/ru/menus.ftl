## Each role's commands (handlers/menus.py): /help and the /start banner list them all.

menu-help-title = <b>Что умеет Kezdesu</b>
menu-welcome-back = С возвращением!
menu-command-line = /{ $command } — { $description }
menu-own-title = { $role ->
    [official] <b>Для сотрудников акимата</b>
    [coordinator] <b>Для координаторов</b> (только просмотр акиматов вашей территории)
    [admin] <b>Для администраторов</b>
   *[citizen] <b>Для граждан</b>
}
