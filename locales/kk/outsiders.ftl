## A staff or admin button pressed by someone who may not press it (handlers/common/outsiders.py).

outsider-staff-button = Бұл батырма әкімдік қызметкерлеріне арналған, ал сіз қызметкер емессіз (немесе енді емессіз). Әрекет тіркелді.
outsider-admin-button = Бұл батырма тек бот әкімшілеріне арналған. Әрекет тіркелді.
