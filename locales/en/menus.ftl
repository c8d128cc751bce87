## Each role's commands (handlers/menus.py): /help and the /start banner list them all.

menu-help-title = <b>What Kezdesu can do</b>
menu-welcome-back = Welcome back!
menu-command-line = /{ $command } — { $description }
menu-own-title = { $role ->
    [official] <b>For akimat officials</b>
    [coordinator] <b>For coordinators</b> (reading the akimats of your territory)
    [admin] <b>For administrators</b>
   *[citizen] <b>For citizens</b>
}
