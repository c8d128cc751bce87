## A stored notice about an official who later used /forget: the fact stays, the person does not.

forgotten-notice-accepted = ✅ Ваше приглашение принято, у акимата появился сотрудник (акимат: { $akimat }). Позже этот человек попросил удалить свои данные, поэтому его имя и id не показаны.
