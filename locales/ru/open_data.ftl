# /report: открытые данные — встречи, вопросы, планы, ход исполнения (services/open_data.py).
open-data-button = 🗂 Открытые данные (CSV, XLSX)
open-data-caption-zip = Открытые данные, файлы CSV (UTF-8) · { $period }
open-data-caption-xlsx = Открытые данные, книга Excel · { $period }
open-data-table-meetings = встречи
open-data-table-questions = вопросы
open-data-table-plans = планы
open-data-table-progress = ход исполнения
