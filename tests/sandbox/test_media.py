"""Documents and photos: uploads by the bot, media sent by users, getFile and downloads."""

from __future__ import annotations

import io

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import BufferedInputFile, InlineKeyboardButton, InlineKeyboardMarkup

from sandbox import RunningEmulator
from sandbox.client import SandboxClient
from sandbox.images import image_size, make_jpeg

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"


async def test_document_upload_and_download(bot: Bot, client: SandboxClient, user: int) -> None:
    sent = await bot.send_document(
        user,
        BufferedInputFile(ICS, filename="kezdesu.ics"),
        caption="<b>Кездесу</b> күнтізбеге",
        parse_mode="HTML",
    )
    document = sent.document
    assert document is not None
    assert document.file_name == "kezdesu.ics"
    assert document.mime_type == "text/calendar"
    assert document.file_size == len(ICS)
    assert sent.caption == "Кездесу күнтізбеге"
    assert sent.caption_entities is not None
    assert sent.caption_entities[0].type == "bold"
    assert await client.download(document.file_id) == ICS
    event = (await client.events(user))[-1]
    assert event.message is not None
    assert event.message.document is not None
    assert event.message.document["file_id"] == document.file_id
    # getFile + the file URL, as the bot would download it
    file = await bot.get_file(document.file_id)
    assert file.file_path is not None
    buffer = io.BytesIO()
    await bot.download_file(file.file_path, buffer)
    assert buffer.getvalue() == ICS
    # a file_id can be sent again
    again = await bot.send_document(user, document.file_id)
    assert again.document is not None
    assert again.document.file_id == document.file_id


async def test_document_errors(bot: Bot, user: int) -> None:
    with pytest.raises(TelegramBadRequest, match="wrong file identifier/HTTP URL specified"):
        await bot.send_document(user, "no-such-file-id")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(user, BufferedInputFile(b"x", "a.txt"), caption="я" * 1025)
    with pytest.raises(TelegramBadRequest, match="invalid file_id"):
        await bot.get_file("nope")


async def test_photo_upload(bot: Bot, client: SandboxClient, user: int) -> None:
    jpeg = make_jpeg(4, 2)
    markup = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Маршрут", callback_data="route:1")]]
    )  # multipart/form-data with reply_markup as a JSON string, as aiogram sends it
    sent = await bot.send_photo(
        user, BufferedInputFile(jpeg, "p.jpg"), caption="карта", reply_markup=markup
    )
    assert sent.photo is not None
    assert isinstance(sent.reply_markup, InlineKeyboardMarkup)
    assert sent.reply_markup.inline_keyboard[0][0].callback_data == "route:1"
    assert (sent.photo[-1].width, sent.photo[-1].height) == (32, 16)
    assert await client.download(sent.photo[-1].file_id) == jpeg
    with pytest.raises(TelegramBadRequest, match="IMAGE_PROCESS_FAILED"):
        await bot.send_photo(user, BufferedInputFile(b"not an image", "p.jpg"))
    with pytest.raises(TelegramBadRequest, match="can't use file of type Photo as Document"):
        await bot.send_document(user, sent.photo[-1].file_id)


async def test_generated_jpeg_is_a_real_image() -> None:
    assert image_size(make_jpeg()) == (64, 64, "image/jpeg")


async def test_user_media_reach_the_bot(
    bot: Bot, client: SandboxClient, emulator: RunningEmulator, user: int
) -> None:
    await client.send_photo(user, caption="Шұңқыр")
    await client.send_document(user, "petition.pdf", b"%PDF-1.4", mime_type="application/pdf")
    await client.send_location(user, 51.1694, 71.4491)
    await client.send_voice(user, duration=3)
    await client.send_sticker(user, "👍")
    await client.send_contact(user)
    messages = [u.message for u in await bot.get_updates()]
    assert all(m is not None for m in messages)
    photo, document, location, voice, sticker, contact = messages
    assert photo is not None
    assert photo.photo
    assert photo.caption == "Шұңқыр"
    assert document is not None
    assert document.document is not None
    assert document.document.file_name == "petition.pdf"
    assert location is not None
    assert location.location is not None
    assert location.location.latitude == pytest.approx(51.1694)
    assert voice is not None
    assert voice.voice is not None
    assert voice.voice.duration == 3
    assert sticker is not None
    assert sticker.sticker is not None
    assert sticker.sticker.emoji == "👍"
    assert contact is not None
    assert contact.contact is not None
    assert contact.contact.user_id == user
    file = await bot.get_file(photo.photo[-1].file_id)
    async with aiohttp.ClientSession() as http:
        url = f"{emulator.url}/file/bot{emulator.bot_token}/{file.file_path}"
        async with http.get(url) as response:
            assert image_size(await response.read()) is not None
