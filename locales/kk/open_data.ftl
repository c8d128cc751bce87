# /report: ашық деректер — кездесулер, сұрақтар, жоспарлар, орындалу барысы (services/open_data.py).
open-data-button = 🗂 Ашық деректер (CSV, XLSX)
open-data-caption-zip = Ашық деректер, CSV файлдары (UTF-8) · { $period }
open-data-caption-xlsx = Ашық деректер, Excel кітабы · { $period }
open-data-table-meetings = кездесулер
open-data-table-questions = сұрақтар
open-data-table-plans = жоспарлар
open-data-table-progress = орындалу барысы
