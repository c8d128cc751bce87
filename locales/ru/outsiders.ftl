## A staff or admin button pressed by someone who may not press it (handlers/common/outsiders.py).

outsider-staff-button = Эта кнопка для сотрудников акимата, а вы им не являетесь (или уже не являетесь). Попытка записана.
outsider-admin-button = Эта кнопка только для администраторов бота. Попытка записана.
